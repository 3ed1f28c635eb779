// Runs files through a harness without libFuzzer, so that every build replays the seed corpus
// (ctest fuzz.replay.<harness>) and a crash file can be run under a debugger:
//
//     <harness>_replay DIR_OR_FILE...
//
// Directories are read one level deep, their files in name order. Fails when there is nothing
// to run, or when no input was accepted or none refused by the parser: the seeds hold valid
// and malformed inputs, so either count at zero means the harness no longer reaches its
// parser's success or error path.
#include "fuzz_support.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: " << argv[0] << " DIR_OR_FILE...\n";
        return 2;
    }
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        const fs::path arg = argv[i];
        if (!fs::is_directory(arg)) {
            files.push_back(arg);
            continue;
        }
        std::vector<fs::path> in_dir;
        for (const auto& entry : fs::directory_iterator(arg))
            if (entry.is_regular_file()) in_dir.push_back(entry.path());
        std::sort(in_dir.begin(), in_dir.end());
        files.insert(files.end(), in_dir.begin(), in_dir.end());
    }
    for (const fs::path& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            std::cerr << "replay: cannot read " << file.string() << "\n";
            return 2;
        }
        const std::string bytes{std::istreambuf_iterator<char>(in),
                                std::istreambuf_iterator<char>()};
        // Named first, so that the output of a crash says which file caused it.
        std::cout << "replay: " << file.string() << std::endl;
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    }
    const auto& reach = tilsyn::fuzz::reach();
    std::cout << "replay: " << files.size() << " inputs, " << reach.accepted << " accepted, "
              << reach.refused << " refused\n";
    if (files.empty()) {
        std::cerr << "replay: no input files\n";
        return 1;
    }
    if (reach.accepted == 0 || reach.refused == 0) {
        std::cerr << "replay: no input reached the parser's "
                  << (reach.accepted == 0 ? "success" : "error")
                  << " path; the harness no longer exercises its parser\n";
        return 1;
    }
    return 0;
}
