#include "base/output_guard.h"

#include "base/error.h"
#include "test_support.h"

#include <unistd.h>

#include <filesystem>
#include <string>

using tilsyn::ProtectedInputs;
using tilsyn::refuse_input_as_output;
using tilsyn::UsageError;
using tilsyn::test::TempDir;

namespace fs = std::filesystem;

namespace {

struct Setup {
    TempDir dir;
    ProtectedInputs inputs;
    Setup() {
        fs::create_directory(dir.path / "rules");
        dir.write("rules/jc.toml", "id = \"jc\"\n");
        dir.write("t.db", "log");
        inputs.files = {{at("t.db"), "the findings log"},
                        {at("t.db-wal"), "the findings log"},
                        {at("t.key"), "the log's signing key"}};
        inputs.rules_dir = at("rules");
    }
    std::string at(const std::string& name) const { return (dir.path / name).string(); }
    // The message refuse_input_as_output throws, or "" when it lets the output through.
    std::string refusal(const std::string& output) const {
        try {
            refuse_input_as_output(output, "-o", inputs);
        } catch (const UsageError& e) {
            return e.what();
        }
        return "";
    }
};

}  // namespace

TEST_CASE("output_guard: the log itself is refused, under its own name or another") {
    const Setup s;
    CHECK(s.refusal(s.at("t.db")) == "-o: " + s.at("t.db") +
                                         " is the findings log; write the output somewhere else "
                                         "(nothing was written)");
    // The same file by a relative detour, a symbolic link and a hard link.
    CHECK(s.refusal(s.at("rules/../t.db")) != "");
    fs::create_symlink(s.at("t.db"), s.at("link.db"));
    CHECK(s.refusal(s.at("link.db")) != "");
    fs::create_hard_link(s.at("t.db"), s.at("hard.db"));
    CHECK(s.refusal(s.at("hard.db")) != "");
}

TEST_CASE("output_guard: files that do not exist yet are compared by their resolved path") {
    const Setup s;
    // No -wal file exists, but writing one would still corrupt the log when it opens.
    CHECK(s.refusal(s.at("t.db-wal")).find("is the findings log") != std::string::npos);
    CHECK(s.refusal(s.at("t.key")).find("is the log's signing key") != std::string::npos);
}

TEST_CASE("output_guard: a .toml file in the rules directory would become a register") {
    const Setup s;
    CHECK(s.refusal(s.at("rules/plan.toml")).find("a .toml file in the rules directory") !=
          std::string::npos);
    CHECK(s.refusal(s.at("rules/jc.toml")) != "");
    // Another kind of file in the rules directory is not read as rules.
    CHECK(s.refusal(s.at("rules/plan.ics")) == "");
}

TEST_CASE("output_guard: any other file passes") {
    const Setup s;
    CHECK(s.refusal(s.at("plan.ics")) == "");
    CHECK(s.refusal(s.at("t.db.csv")) == "");
    CHECK(s.refusal(s.at("sub/plan.toml")) == "");
}
