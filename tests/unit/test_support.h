#pragma once
// Helpers shared by the unit tests: a date from three numbers, a throw-away directory and a
// UTF-8 well-formedness check.

#include "base/dates.h"
#include "log/store.h"
#include "plan/leveling.h"
#include "plan/plan.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace tilsyn::test {

/// The date y-m-d, without a cast at every call.
inline Date ymd(int y, int m, int d) {
    return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                static_cast<unsigned short>(d));
}

/// The plan as `tilsyn plan` makes it: make_plan, then level_plan unless `level` is false.
inline Plan plan_of(const Rules& rules, const WorkCalendar& calendar, int year,
                    const PlanFilter& filter = {}, const DecisionsByArea* decisions = nullptr,
                    bool level = true) {
    Plan plan = make_plan(rules, calendar, year, filter, decisions);
    if (level) level_plan(plan, rules.policy, PlanningDays(calendar, rules.policy.blackout));
    return plan;
}

/// A fresh directory under the system's temporary directory, removed with everything in it
/// when the test ends.
struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& prefix = "tilsyn-test") {
        std::string pattern =
            (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    void write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
    }
};

/// A signing key for every log the tests write, in a directory of its own that lives as long
/// as the test program: a log without a key is given it with its first entry, like any log.
inline KeyFile& test_key() {
    static const TempDir dir("tilsyn-test-key");
    static KeyFile key((dir.path / "test.key").string(), "--signing-key");
    return key;
}

/// Store::write with a fixed recording time, signed with test_key(). The log's first write
/// also appends the key's entry, so its first entry of its own is number 2.
inline std::string write(Store& store, const std::string& recorded_at,
                         const std::function<void(Store::Writer&)>& fill) {
    return store.write([recorded_at] { return recorded_at; }, test_key(), fill).hash;
}

/// Store::verify, optionally against a head printed earlier.
inline Store::Verification verify(Store& store,
                                  const std::optional<std::string>& expected_head = std::nullopt) {
    return store.verify({expected_head, std::nullopt, ""});
}

/// True when s is a sequence of complete, well-formed UTF-8 characters (no split sequences).
inline bool complete_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        if (c < 0x80)
            len = 1;
        else if ((c & 0xE0) == 0xC0)
            len = 2;
        else if ((c & 0xF0) == 0xE0)
            len = 3;
        else if ((c & 0xF8) == 0xF0)
            len = 4;
        else
            return false;  // a continuation byte where a character should start
        if (i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

}  // namespace tilsyn::test
