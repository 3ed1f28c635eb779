// The register cache: a center comes back from it exactly as parsed, and is never used when
// anything it was made from has changed; each executable keeps its own entries, and pruning
// removes those of registers and executables that are gone.
#include "center_codec.h"
#include "register_cache.h"
#include "rules_loader.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using tilsyn::Center;
using tilsyn::RegisterCache;
using tilsyn::Rules;
using tilsyn::test::register_cache_entries;
using tilsyn::test::TempDir;

namespace {

// Every field set, each optional present and absent somewhere, so a member the archive forgot
// cannot go unnoticed.
Center every_field() {
    using namespace tilsyn;
    Center c;
    c.id = "jc";
    c.name = "Center for Job og Social";
    c.source = "rules/jc.toml";
    c.leaders.push_back({"l1", "Lene Ærø", "lene@kommune.dk", 20 * 60});
    c.leaders.push_back({"l2", "Bo Øst", "bo@kommune.dk", std::nullopt});
    Area a;
    a.id = "jc-mentor";
    a.name = "Mentorstøtte";
    a.kind = AreaKind::ydelsestype;
    a.leader = 1;
    a.focus = "Opstart af nye sager";
    a.population = 412;
    a.sample_size = 12;
    a.minutes = 150;
    a.line = 31;
    a.column = 6;
    Assessment first;
    first.date = Date(2026, 1, 5);
    first.sagsbehandling = {4, 5};
    first.statsrefusion = {2, 3};
    first.reason = "Fejl i opstart;\nsee \"notat\"";
    first.colour_override = Override<Colour>{Colour::red, "politisk fokus"};
    Assessment second;
    second.date = Date(2027, 7, 1);
    second.sagsbehandling = {1, 2};
    second.statsrefusion = {3, 1};
    second.reason = "Bedre";
    second.cadence_override = Override<Cadence>{Cadence::every(2), "ny praksis"};
    a.assessments = {first, second};
    c.areas.push_back(a);
    Area plain;
    plain.id = "jc-plain";
    plain.name = "Plain";
    plain.assessments = {second};
    plain.assessments.front().cadence_override.reset();
    c.areas.push_back(plain);
    return c;
}

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// The rules directory every load_rules test below starts from: one small register.
void write_rules(const fs::path& dir, const std::string& hours = "") {
    write(dir / "policy.toml", hours.empty() ? "" : "[workload]\nhours = { red = 4, yellow = 3, green = 2 }\n");
    write(dir / "jc.toml", R"(id = "jc"
name = "Center for Job og Social"

[[leaders]]
id = "l1"
name = "Lene"
email = "lene@kommune.dk"
)" + hours + R"(
[[areas]]
id = "jc-a"
name = "Ressourceforløb"
kind = "målgruppe"
leader = "l1"
focus = "Opstart"
  [[areas.assessments]]
  date = 2026-10-15
  sagsbehandling = { likelihood = 4, consequence = 4 }
  statsrefusion = { likelihood = 1, consequence = 1 }
  reason = "Fejl i opstarten"
)");
}

}  // namespace

TEST_CASE("register cache: a center with every field set round-trips exactly") {
    const Center c = every_field();
    CHECK(tilsyn::decode_center(tilsyn::encode_center(c)) == c);
    Center changed = c;
    changed.areas[0].assessments[1].cadence_override->value = tilsyn::Cadence::every(3);
    CHECK_FALSE(changed == c);  // the comparison the test relies on looks that deep
}

TEST_CASE("register cache: every register the project ships round-trips exactly") {
    std::vector<fs::path> dirs{fs::path(TILSYN_SOURCE_DIR) / "rules"};
    for (const auto& e : fs::directory_iterator(fs::path(TILSYN_SOURCE_DIR) / "tests/golden/fixtures"))
        if (e.is_directory()) dirs.push_back(e.path());
    std::size_t centers = 0;
    for (const fs::path& dir : dirs) {
        Rules rules;
        try {
            rules = tilsyn::load_rules(dir.string());
        } catch (const tilsyn::InputError&) {
            continue;  // the fixtures of error messages
        }
        for (const Center& c : rules.centers) {
            CAPTURE(c.source);
            CHECK(tilsyn::decode_center(tilsyn::encode_center(c)) == c);
            ++centers;
        }
    }
    CHECK(centers >= 8);  // rules/ and the fixtures that load
}

TEST_CASE("register cache: bytes that are not a center are an error, not a center") {
    CHECK_THROWS_AS(tilsyn::decode_center(""), std::runtime_error);
    CHECK_THROWS_AS(tilsyn::decode_center("x"), std::runtime_error);
    const std::string bytes = tilsyn::encode_center(every_field());
    // Every proper prefix ends inside something, and a byte more is left over.
    for (std::size_t n = 0; n < bytes.size(); ++n)
        CHECK_THROWS_AS(tilsyn::decode_center(std::string_view(bytes).substr(0, n)), std::runtime_error);
    CHECK_THROWS_AS(tilsyn::decode_center(bytes + '\0'), std::runtime_error);
}

TEST_CASE("register cache: a value no parse makes is an error, not a center") {
    auto broken = [](auto&& change) {
        Center c = every_field();
        change(c);
        return tilsyn::encode_center(c);
    };
    CHECK_THROWS_AS(tilsyn::decode_center(broken([](Center& c) { c.areas[0].leader = c.leaders.size(); })),
                    std::runtime_error);
    CHECK_THROWS_AS(
        tilsyn::decode_center(broken([](Center& c) { c.areas[0].kind = static_cast<tilsyn::AreaKind>(2); })),
        std::runtime_error);
    CHECK_THROWS_AS(tilsyn::decode_center(broken([](Center& c) {
                        for (auto& a : c.areas)
                            for (auto& as : a.assessments)
                                if (as.colour_override) as.colour_override->value = static_cast<tilsyn::Colour>(3);
                    })),
                    std::runtime_error);
}

TEST_CASE("register cache: an entry is found under its key only, and a damaged one not at all") {
    TempDir tmp;
    const RegisterCache cache(tmp.path / "cache");
    REQUIRE(cache.enabled());
    const fs::path file = tmp.path / "jc.toml";
    write(file, "id = \"jc\"");  // an entry for a register that does not exist is pruned
    const std::string key = cache.key(std::nullopt, "rules/jc.toml", "id = \"jc\"");
    CHECK_FALSE(cache.find(file, key));
    cache.keep(file, key, every_field());
    REQUIRE(register_cache_entries(tmp.path / "cache") == 1);
    CHECK((fs::status(tmp.path / "cache/registers").permissions() & fs::perms::all) == fs::perms::owner_all);
    const auto found = cache.find(file, key);
    REQUIRE(found);
    CHECK(*found == every_field());

    SUBCASE("each input is part of the key") {
        CHECK(cache.key(std::nullopt, "rules/jc.toml", "id = \"jc\" ") != key);
        CHECK(cache.key(std::string(), "rules/jc.toml", "id = \"jc\"") != key);
        CHECK(cache.key(std::nullopt, "./rules/jc.toml", "id = \"jc\"") != key);
        CHECK(cache.key(std::nullopt, "rules/jc.toml", "id = \"jc\"") == key);
        CHECK_FALSE(cache.find(file, cache.key(std::nullopt, "rules/jc.toml", "id = \"jd\"")));
        CHECK_FALSE(cache.find(tmp.path / "other.toml", key));
    }
    SUBCASE("a changed byte in the payload is a miss") {
        const fs::path entry = fs::directory_iterator(tmp.path / "cache/registers")->path();
        std::string bytes = read(entry);
        bytes[bytes.size() - 10] ^= 0x01;
        write(entry, bytes);
        CHECK_FALSE(cache.find(file, key));
    }
    SUBCASE("a truncated entry is a miss") {
        const fs::path entry = fs::directory_iterator(tmp.path / "cache/registers")->path();
        const std::string bytes = read(entry);
        write(entry, bytes.substr(0, bytes.size() - 1));
        CHECK_FALSE(cache.find(file, key));
    }
    SUBCASE("an entry others may write to is not trusted") {
        const fs::path entry = fs::directory_iterator(tmp.path / "cache/registers")->path();
        CHECK((fs::status(entry).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
        fs::permissions(entry, fs::perms::group_write, fs::perm_options::add);
        CHECK_FALSE(cache.find(file, key));
        fs::permissions(entry, fs::perms::group_write, fs::perm_options::remove);
        REQUIRE(cache.find(file, key));
        fs::permissions(tmp.path / "cache/registers", fs::perms::others_write, fs::perm_options::add);
        CHECK_FALSE(cache.find(file, key));
    }
    SUBCASE("an entry that is a symbolic link is not followed") {
        const fs::path entry = fs::directory_iterator(tmp.path / "cache/registers")->path();
        const fs::path elsewhere = tmp.path / "elsewhere.bin";
        fs::rename(entry, elsewhere);
        fs::create_symlink(elsewhere, entry);
        CHECK_FALSE(cache.find(file, key));
    }
    SUBCASE("keeping again replaces the file's entry") {
        Center other = every_field();
        other.name = "Andet";
        const std::string key2 = cache.key(std::nullopt, "rules/jc.toml", "changed");
        cache.keep(file, key2, other);
        CHECK(register_cache_entries(tmp.path / "cache") == 1);
        CHECK_FALSE(cache.find(file, key));
        CHECK(cache.find(file, key2)->name == "Andet");
    }
}

TEST_CASE("register cache: pruned of registers that are gone, old formats and stale temporaries") {
    TempDir tmp;
    const RegisterCache cache(tmp.path / "cache");
    const fs::path registers = tmp.path / "cache/registers";
    const fs::path kept = tmp.path / "kept.toml", gone = tmp.path / "gone.toml", later = tmp.path / "later.toml";
    for (const fs::path& f : {kept, gone, later}) write(f, "");
    const auto key = [&cache](const std::string& text) { return cache.key(std::nullopt, text, text); };
    cache.keep(kept, key("k1"), every_field());
    cache.keep(gone, key("k2"), every_field());
    REQUIRE(register_cache_entries(tmp.path / "cache") == 2);
    fs::remove(gone);
    cache.keep(later, key("k3"), every_field());
    CHECK(register_cache_entries(tmp.path / "cache") == 3);  // a write alone prunes nothing

    // What a killed run or an older tilsyn left behind, next to the entries.
    write(registers / "0123.bin", "tilsyn register cache\nkey\ndigest\npayload");  // version 1
    fs::permissions(registers / "0123.bin", fs::perms::owner_read | fs::perms::owner_write);
    const fs::path stale = registers / "abcd.bin.tmp.12.34", fresh = registers / "abcd.bin.tmp.56.78";
    write(stale, "half");
    write(fresh, "half");
    fs::last_write_time(stale, fs::file_time_type::clock::now() - std::chrono::hours(2));
    write(registers / "notes.txt", "not ours");
    SUBCASE("an entry written by someone else is left alone") {
        const fs::path foreign = registers / "ffff.bin";
        write(foreign, "anything");
        fs::permissions(foreign, fs::perms::group_write, fs::perm_options::add);
        cache.prune();
        CHECK(fs::exists(foreign));
    }
    SUBCASE("pruning") {
        cache.prune();
        CHECK(cache.find(kept, key("k1")));
        CHECK(cache.find(later, key("k3")));
        CHECK_FALSE(fs::exists(registers / "0123.bin"));
        CHECK_FALSE(fs::exists(stale));
        CHECK(fs::exists(fresh));  // perhaps a run writing right now
        CHECK(fs::exists(registers / "notes.txt"));
        std::vector<std::string> left;
        for (const auto& e : fs::directory_iterator(registers)) left.push_back(e.path().filename().string());
        CHECK(left.size() == 4);  // kept, later, fresh, notes.txt
        // The entry of the register that is gone, whose slot is its path's digest.
        write(gone, "");
        CHECK_FALSE(cache.find(gone, key("k2")));
    }
    SUBCASE("a register out of reach is not taken for gone") {
        const fs::path dir = tmp.path / "reach";
        fs::create_directory(dir);
        write(dir / "r.toml", "");
        cache.keep(dir / "r.toml", key("k4"), every_field());
        // The register's directory becomes a link to itself: asking for the register fails,
        // but not with "no such file" (a mode would not do: the tests may run as root).
        fs::rename(dir, tmp.path / "elsewhere");
        fs::create_directory_symlink(dir, dir);
        cache.prune();
        CHECK(cache.find(dir / "r.toml", key("k4")));
    }
}

TEST_CASE("register cache: two executables keep an entry each, a rebuild replaces its own, a removed one's are pruned") {
    TempDir tmp;
    // Stand-ins for an installed tilsyn and a build of it: the cache knows an executable by
    // its path and its file's identity, never runs it.
    const fs::path installed = tmp.path / "usr-bin" / "tilsyn", built = tmp.path / "build" / "tilsyn";
    fs::create_directories(installed.parent_path());
    fs::create_directories(built.parent_path());
    write(installed, "tilsyn 0.1.0");
    write(built, "tilsyn 0.1.0, rebuilt");
    const fs::path file = tmp.path / "jc.toml";
    write(file, "id = \"jc\"");
    const RegisterCache a(tmp.path / "cache", installed), b(tmp.path / "cache", built);
    REQUIRE(a.enabled());
    REQUIRE(b.enabled());
    const std::string ka = a.key(std::nullopt, "rules/jc.toml", "id = \"jc\"");
    const std::string kb = b.key(std::nullopt, "rules/jc.toml", "id = \"jc\"");
    CHECK(ka != kb);
    a.keep(file, ka, every_field());
    b.keep(file, kb, every_field());
    CHECK(register_cache_entries(tmp.path / "cache") == 2);
    CHECK(a.find(file, ka));
    CHECK(b.find(file, kb));

    SUBCASE("a rebuild in place replaces its executable's entry, not the other's") {
        write(built, "tilsyn 0.1.0, rebuilt again");  // another size: another identity
        const RegisterCache rebuilt(tmp.path / "cache", built);
        const std::string kr = rebuilt.key(std::nullopt, "rules/jc.toml", "id = \"jc\"");
        CHECK(kr != kb);
        CHECK_FALSE(rebuilt.find(file, kr));
        rebuilt.keep(file, kr, every_field());
        CHECK(register_cache_entries(tmp.path / "cache") == 2);
        CHECK(rebuilt.find(file, kr));
        CHECK(a.find(file, ka));
    }
    SUBCASE("the entries of an executable that is gone are pruned") {
        fs::remove(built);
        a.prune();
        CHECK(register_cache_entries(tmp.path / "cache") == 1);
        CHECK(a.find(file, ka));
    }
    SUBCASE("each finds its own entry only") {
        CHECK_FALSE(a.find(file, kb));
        CHECK_FALSE(b.find(file, ka));
    }
}

TEST_CASE("register cache: off without a directory, and an unwritable one is only a miss") {
    TempDir tmp;
    const RegisterCache off{fs::path()};
    CHECK_FALSE(off.enabled());
    off.keep(tmp.path / "jc.toml", "k", every_field());
    CHECK_FALSE(off.find(tmp.path / "jc.toml", "k"));

    write(tmp.path / "file", "");
    const RegisterCache blocked(tmp.path / "file" / "cache");  // a path through a regular file
    blocked.keep(tmp.path / "jc.toml", "k", every_field());
    CHECK_FALSE(blocked.find(tmp.path / "jc.toml", "k"));
}

TEST_CASE("register cache: load_rules gives the same rules cold and warm, and sees every change") {
    TempDir tmp;
    const fs::path dir = tmp.path / "rules";
    fs::create_directory(dir);
    write_rules(dir);
    const std::string cache = (tmp.path / "cache").string();

    const Rules plain = tilsyn::load_rules(dir.string());
    const Rules cold = tilsyn::load_rules(dir.string(), cache);
    CHECK(register_cache_entries(cache) == 1);
    const Rules warm = tilsyn::load_rules(dir.string(), cache);
    CHECK(cold.centers == plain.centers);
    CHECK(warm.centers == plain.centers);

    SUBCASE("a register edited in place, same size and same modification time") {
        const fs::path reg = dir / "jc.toml";
        const auto mtime = fs::last_write_time(reg);
        std::string text = read(reg);
        text.replace(text.find("likelihood = 4"), 14, "likelihood = 5");
        write(reg, text);
        fs::last_write_time(reg, mtime);
        const Rules after = tilsyn::load_rules(dir.string(), cache);
        CHECK(after.centers[0].areas[0].assessments[0].sagsbehandling.likelihood == 5);
    }
    SUBCASE("an error in the register is reported every time and never kept") {
        std::string text = read(dir / "jc.toml");
        text.replace(text.find("likelihood = 4"), 14, "likelihood = 9");
        write(dir / "jc.toml", text);
        for (int run = 0; run < 2; ++run) CHECK_THROWS_AS(tilsyn::load_rules(dir.string(), cache), tilsyn::RulesError);
    }
    SUBCASE("a run that parses prunes the entries of registers that are gone; one that does not, nothing") {
        std::string text = read(dir / "jc.toml");  // a second center, its ids its own
        text.replace(text.find("id = \"jc\""), 9, "id = \"ex\"");
        for (std::size_t at = text.find("id = \"jc-"); at != std::string::npos; at = text.find("id = \"jc-", at))
            text.replace(at, 9, "id = \"ex-");
        write(dir / "extra.toml", text);
        tilsyn::load_rules(dir.string(), cache);
        REQUIRE(register_cache_entries(cache) == 2);
        fs::remove(dir / "extra.toml");
        tilsyn::load_rules(dir.string(), cache);  // every register found in the cache
        CHECK(register_cache_entries(cache) == 2);
        std::string edited = read(dir / "jc.toml");
        edited.replace(edited.find("likelihood = 4"), 14, "likelihood = 5");
        write(dir / "jc.toml", edited);
        tilsyn::load_rules(dir.string(), cache);  // parses jc.toml again
        CHECK(register_cache_entries(cache) == 1);
    }
    SUBCASE("a policy change that makes a cached register wrong is reported") {
        write_rules(dir, "capacity = 20\n");  // a capacity needs [workload] hours ...
        tilsyn::load_rules(dir.string(), cache);
        write(dir / "policy.toml", "");  // ... which the policy no longer has
        CHECK_THROWS_AS(tilsyn::load_rules(dir.string(), cache), tilsyn::RulesError);
    }
}
