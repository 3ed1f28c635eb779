#include "web/site.h"

#include "base/error.h"
#include "rules/diagnostics.h"

#include <boost/date_time/posix_time/posix_time.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace tilsyn {

namespace fs = std::filesystem;

namespace {

void add_file(std::ostringstream& out, const fs::path& p, bool empty_counts = true) {
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    if (ec) return;  // absent (a log not created yet, a -wal checkpointed away)
    if (size == 0 && !empty_counts) return;
    const auto time = fs::last_write_time(p, ec);
    out << p.filename().string() << ':' << size << ':' << time.time_since_epoch().count() << ';';
}

std::vector<std::string> problems_of(const std::exception& e) {
    if (const auto* r = dynamic_cast<const RulesError*>(&e)) {
        std::vector<std::string> out;
        for (const Diagnostic& d : r->diagnostics()) {
            std::string where = d.place.file;
            if (d.place.line) where += ":" + std::to_string(d.place.line);
            if (d.place.column) where += ":" + std::to_string(d.place.column);
            out.push_back(where + ": " + d.message);
        }
        if (!out.empty()) return out;
    }
    return {e.what()};
}

}  // namespace

Site::Site(SiteConfig config, std::function<boost::posix_time::ptime()> clock)
    : config_(std::move(config)), clock_(std::move(clock)), logins_(config_.login_path) {
    std::lock_guard lock(mutex_);
    fingerprint_ = fingerprint();
    snapshot_ = load(nullptr);
}

std::string Site::fingerprint() const {
    std::ostringstream out;
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(config_.rules_dir, ec))
        if (entry.path().extension() == ".toml") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& p : files) add_file(out, p);
    // Every write to the log goes through its -wal file first; the file itself changes when
    // SQLite checkpoints. An empty -wal holds nothing: SQLite makes one when a connection
    // opens the log and deletes it when the last one closes, so while requests read the log it
    // comes and goes; counted, every request overlapping another would reload and verify the log.
    add_file(out, config_.db_path);
    add_file(out, config_.db_path + "-wal", false);
    return out.str();
}

std::unique_ptr<Store> Site::open_log() const {
    std::error_code ec;
    if (!fs::exists(config_.db_path, ec)) return nullptr;
    return std::make_unique<Store>(config_.db_path, Store::Mode::existing);
}

std::shared_ptr<const Snapshot> Site::load(const std::shared_ptr<const Snapshot>& last) {
    auto next = std::make_shared<Snapshot>();
    next->loaded = clock_();
    try {
        std::unique_ptr<Store> store = open_log();
        next->inputs = load_inputs(config_.rules_dir, store.get());
        // Rules::find_area builds its index on first use; the request threads share these
        // rules, so it is built here, before any of them can race to build it.
        (void)next->inputs.rules.find_area("");
        next->access = load_access(config_.rules_dir, next->inputs.rules);
        if (store)
            next->chain = store->verify(
                {std::nullopt, std::nullopt,
                 boost::posix_time::to_iso_extended_string(clock_()).substr(0, 19) + "Z"});
    } catch (const Error& e) {
        if (!last) throw;
        // Keep serving what loaded last; show what is wrong now.
        auto kept = std::make_shared<Snapshot>(*last);
        kept->problems = problems_of(e);
        return kept;
    }
    return next;
}

std::shared_ptr<const Snapshot> Site::current() {
    std::lock_guard lock(mutex_);
    std::string now = fingerprint();
    if (now != fingerprint_) {
        snapshot_ = load(snapshot_);
        fingerprint_ = std::move(now);
    }
    return snapshot_;
}

}  // namespace tilsyn
