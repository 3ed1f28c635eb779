// `tilsyn record --file`: the record reader (read_record, read_record_file's text form) on the
// input as a record file, then check_supervision against the fixture rules, as the command
// does before anything is appended.
#include "fixture_rules.h"
#include "fuzz_support.h"

#include "log/supervision_input.h"

using namespace tilsyn;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fuzz::Fixture& f = fuzz::fixture();
    SupervisionInput in;
    try {
        // In a directory that does not exist, so that a [sample]'s relative cases_file reads
        // nothing from the machine the fuzzer runs on.
        in = read_record("/nonexistent/record.toml", fuzz::text_of(data, size));
    } catch (const Error&) {
        ++fuzz::reach().refused;
        return 0;
    }
    ++fuzz::reach().accepted;
    try {
        (void)check_supervision(in, f.rules, f.calendar, {}, f.today);
    } catch (const Error&) {
        // Refused by the checks: an answer, like the reader's refusals.
    }
    return 0;
}
