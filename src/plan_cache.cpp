#include "plan_cache.h"

#include "plan.h"
#include "rerating.h"
#include "store.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>

namespace tilsyn {

namespace fs = std::filesystem;

namespace {

// Bumped whenever the way a plan is made changes (placement, leveling), so that a cache made
// by an earlier build of the same version is not trusted.
constexpr int plan_cache_format = 2;  // 2: leveled planned dates, blackout

std::string cached_fingerprint(Store& store, int year) {
    SQLite::Statement q(store.db(), "SELECT fingerprint FROM plan_cache WHERE year = ?");
    q.bind(1, year);
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
}

void insert_year(Store& store, const Rules& rules, const WorkCalendar& calendar,
                 const DecisionsByArea& decisions, int year, const std::string& fingerprint,
                 const std::string& generated_at) {
    SQLite::Database& db = store.db();
    {
        for (const char* table : {"planned", "plan_leader"}) {
            SQLite::Statement del(db, std::string("DELETE FROM ") + table + " WHERE year = ?");
            del.bind(1, year);
            del.exec();
        }
        SQLite::Statement header(db, "INSERT OR REPLACE INTO plan_cache(year, fingerprint, generated_at) VALUES (?, ?, ?)");
        header.bind(1, year);
        header.bind(2, fingerprint);
        header.bind(3, generated_at);
        header.exec();
    }
    // Every leader of the register, also those with nothing planned: `remind --leader` tells
    // a leader without supervisions from a name that is not in the register.
    SQLite::Statement leader(db, "INSERT INTO plan_leader(year, center, leader, name, email) VALUES (?, ?, ?, ?, ?)");
    for (const Center& c : rules.centers)
        for (const Leader& l : c.leaders) {
            leader.reset();
            leader.bind(1, year);
            leader.bind(2, c.id);
            leader.bind(3, l.id);
            leader.bind(4, l.name);
            leader.bind(5, l.email);
            leader.exec();
        }
    const Plan plan = make_plan(rules, calendar, year, {}, &decisions);
    SQLite::Statement ins(db, R"sql(
INSERT INTO planned(area, occurrence, year, center, center_name, leader, leader_name, leader_email,
                    area_name, colour, focus, period, planned, due)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql");
    for (const Occurrence& o : plan.occurrences) {
        if (!o.assessed()) continue;
        const Leader& l = o.leader();
        ins.reset();
        ins.bind(1, o.area->id);
        ins.bind(2, o.period_code());
        ins.bind(3, year);
        ins.bind(4, o.center->id);
        ins.bind(5, o.center->name);
        ins.bind(6, l.id);
        ins.bind(7, l.name);
        ins.bind(8, l.email);
        ins.bind(9, o.area->name);
        ins.bind(10, std::string(colour_token(o.rating().colour)));
        ins.bind(11, o.area->focus);
        ins.bind(12, o.period_name());
        ins.bind(13, iso(o.planned));
        ins.bind(14, iso(o.due));
        ins.exec();
    }
    // What the log has already fulfilled, by the same rule as Store::fulfilment.
    SQLite::Statement done(db, R"sql(
UPDATE planned SET done = 1
WHERE year = ?
  AND EXISTS (SELECT 1 FROM supervision s
              WHERE s.area = planned.area AND s.occurrence = planned.occurrence
                AND NOT EXISTS (SELECT 1 FROM correction c WHERE c.corrects = s.entry)))sql");
    done.bind(1, year);
    done.exec();
}

}  // namespace

std::string plan_fingerprint(const std::string& rules_dir, Store& store) {
    std::string text = "tilsyn " TILSYN_VERSION " plan-cache " + std::to_string(plan_cache_format) + "\n";
    auto add = [&](const fs::path& p) {
        std::error_code ec;
        const auto size = fs::file_size(p, ec);
        const auto time = ec ? fs::file_time_type() : fs::last_write_time(p, ec);
        text += p.filename().string();
        text += ec ? std::string(" -\n")
                   : " " + std::to_string(size) + " " + std::to_string(time.time_since_epoch().count()) + "\n";
    };
    add(fs::path(rules_dir) / "policy.toml");
    for (const fs::path& p : register_files(rules_dir)) add(p);
    // A decision, or the withdrawal of one, changes colours and so the plan; a supervision or
    // its withdrawal only changes `done`, which the triggers keep.
    SQLite::Statement q(store.db(), R"sql(
SELECT (SELECT max(entry) FROM decision),
       (SELECT max(c.entry) FROM correction c JOIN decision d ON d.entry = c.corrects))sql");
    q.executeStep();
    for (int i = 0; i < 2; ++i)
        text += "decisions " + (q.getColumn(i).isNull() ? std::string("-") : std::to_string(q.getColumn(i).getInt64())) + "\n";
    // Kept as it is, not hashed: it is short, and a reader of the database sees what it says.
    return text;
}

std::unique_ptr<SQLite::Transaction> refresh_plan_cache(Store& store, const std::string& rules_dir,
                                                        const std::string& cache_dir, int first_year,
                                                        int last_year, const std::string& generated_at) {
    auto stale_years = [&](const std::string& fingerprint) {
        std::vector<int> out;
        for (int y = first_year; y <= last_year; ++y)
            if (cached_fingerprint(store, y) != fingerprint) out.push_back(y);
        return out;
    };
    if (stale_years(plan_fingerprint(rules_dir, store)).empty()) return nullptr;

    // Stale: made again under the write lock, after looking once more, since another remind
    // may have just done it. Rules and decisions are read inside, so they match the fingerprint.
    auto txn = std::make_unique<SQLite::Transaction>(store.db(), SQLite::TransactionBehavior::IMMEDIATE);
    const std::string fingerprint = plan_fingerprint(rules_dir, store);
    const std::vector<int> years = stale_years(fingerprint);
    if (years.empty()) return txn;
    const Rules rules = load_rules(rules_dir, cache_dir);
    const WorkCalendar calendar(rules.policy.closing_days);
    const DecisionsByArea decisions = colour_decisions(store);
    for (int y : years) insert_year(store, rules, calendar, decisions, y, fingerprint, generated_at);
    return txn;
}

}  // namespace tilsyn
