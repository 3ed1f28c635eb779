// The executable only adapts the process to run_cli(); all behaviour lives in tilsyn_core.
#include "base/error.h"
#include "cli/cli.h"

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    const std::vector<std::string> args(argv + 1, argv + argc);
    auto getenv = [](const std::string& name) -> std::optional<std::string> {
        if (const char* v = std::getenv(name.c_str())) return std::string(v);
        return std::nullopt;
    };
    const int status = tilsyn::run_cli(args, std::cin, std::cout, std::cerr, getenv, [] {
        return boost::posix_time::second_clock::universal_time();
    });
    std::cout.flush();
    if (!std::cout) {
        // A full disk or a closed pipe behind standard output: the output is incomplete.
        std::cerr << "tilsyn: error: cannot write to standard output\n";
        return static_cast<int>(tilsyn::ExitCode::bad_input);
    }
    return status;
}
