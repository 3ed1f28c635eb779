#include "register_cache.h"

#include "center_codec.h"
#include "file_bytes.h"
#include "fingerprint.h"
#include "sha256.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <random>

namespace tilsyn {

namespace fs = std::filesystem;

namespace {

// The second version added the register's path, for pruning; the third the executable's; the
// fourth has center_codec.h's payload, fingerprinted, instead of a Boost.Serialization
// archive and its SHA-256.
constexpr std::string_view magic = "tilsyn register cache 4\n";
constexpr std::size_t key_size = 32;       // fingerprint_hex
constexpr std::size_t checksum_size = 32;  // the same
constexpr std::string_view temp_marker = ".tmp.";

// An executable's device, inode, size and modification time: any rebuild or reinstall
// changes one of them. Empty when the file cannot be asked (no /proc, for this executable).
std::string identity_of(const fs::path& executable) {
    struct stat st {};
    if (::stat(executable.c_str(), &st) != 0) return {};
    return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
           std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
}

// The cache decides what the rules say, so an entry is trusted only if nobody else could
// have written it: a regular file owned by this user and writable by no one else, in a
// directory of the same kind (as ssh treats ~/.ssh). A TILSYN_CACHE_DIR shared with others is
// then never read. The file is checked through the descriptor it is read from, so it cannot
// be swapped between the check and the read.
bool private_to_user(const struct stat& st) {
    return st.st_uid == ::geteuid() && (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

bool private_directory(const fs::path& dir) {
    struct stat st {};
    return ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && private_to_user(st);
}

// The file's bytes, or its first `limit` bytes.
std::optional<std::string> read_private(const fs::path& path, std::size_t limit = SIZE_MAX) {
    if (!private_directory(path.parent_path())) return std::nullopt;
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::optional<std::string> bytes;
    struct stat st {};
    // A file that changes underneath is read as it is; the payload's fingerprint then differs.
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && private_to_user(st)) bytes = read_descriptor(fd, limit);
    ::close(fd);
    return bytes;
}

}  // namespace

// /proc/self/exe is the running file even after the one at its path was replaced: its
// identity is that of the running build, and the link names where it was started from.
RegisterCache::RegisterCache(fs::path dir) : RegisterCache(std::move(dir), "/proc/self/exe") {}

RegisterCache::RegisterCache(fs::path dir, const fs::path& executable) : dir_(std::move(dir)) {
    if (dir_.empty()) return;
    build_ = identity_of(executable);
    std::error_code ec;
    executable_ = fs::is_symlink(executable, ec) ? fs::read_symlink(executable, ec) : fs::absolute(executable, ec);
    if (build_.empty() || ec || executable_.empty()) dir_.clear();
}

std::string RegisterCache::key(const std::optional<std::string>& policy_text, const std::string& shown,
                               std::string_view register_text) const {
    std::string parts = "tilsyn " TILSYN_VERSION " " + build_ + "\n";
    parts += policy_text ? fingerprint_hex(*policy_text) : std::string("no policy.toml");
    parts += "\n" + shown + "\n" + fingerprint_hex(register_text) + "\n";
    return fingerprint_hex(parts);
}

namespace {

fs::path absolute_path(const fs::path& file) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(file, ec);
    return ec ? file : absolute;
}

// The entry's file name: one per register file and executable, by their absolute paths, so
// that editing a register or rebuilding the executable replaces its entry instead of piling
// up old ones, and two executables sharing the cache keep an entry each.
std::string slot_name(const fs::path& executable, const fs::path& absolute) {
    return sha256_hex(executable.string() + "\n" + absolute.string()) + ".bin";
}

// A path line of an entry (the register's, the executable's): the absolute path, or empty
// for a path that holds a newline (such an entry is never pruned for the file being gone).
std::string path_line(const fs::path& absolute) {
    const std::string p = absolute.string();
    return p.find('\n') == std::string::npos ? p : std::string();
}

// Splits the first line off `rest`; nullopt when there is no newline.
std::optional<std::string_view> take_line(std::string_view& rest) {
    const std::size_t end = rest.find('\n');
    if (end == std::string_view::npos) return std::nullopt;
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    return line;
}

}  // namespace

fs::path RegisterCache::slot(const fs::path& absolute) const {
    return registers() / slot_name(executable_, absolute);
}

// An entry is the magic line, the register's and the executable's absolute paths, the key,
// the payload's fingerprint, then the payload. The fingerprint is checked before the payload
// is decoded, so a torn or damaged file is a miss.
std::optional<Center> RegisterCache::find(const fs::path& file, const std::string& key) const {
    if (!enabled()) return std::nullopt;
    const fs::path absolute = absolute_path(file);
    const auto bytes = read_private(slot(absolute));
    if (!bytes) return std::nullopt;
    std::string_view rest = *bytes;
    if (rest.substr(0, magic.size()) != magic) return std::nullopt;
    rest.remove_prefix(magic.size());
    const auto path = take_line(rest);
    if (!path || *path != path_line(absolute)) return std::nullopt;
    const auto executable = take_line(rest);
    if (!executable || *executable != path_line(executable_)) return std::nullopt;
    if (rest.size() < key_size + checksum_size + 2 || rest.substr(0, key_size) != key || rest[key_size] != '\n' ||
        rest[key_size + 1 + checksum_size] != '\n')
        return std::nullopt;
    rest.remove_prefix(key_size + 1);
    const std::string_view checksum = rest.substr(0, checksum_size);
    rest.remove_prefix(checksum_size + 1);
    if (fingerprint_hex(rest) != checksum) return std::nullopt;
    try {
        return decode_center(rest);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

void RegisterCache::keep(const fs::path& file, const std::string& key, const Center& center) const {
    if (!enabled()) return;
    const fs::path absolute = absolute_path(file);
    const fs::path target = slot(absolute);
    std::error_code ec;
    if (fs::create_directories(target.parent_path(), ec))
        fs::permissions(target.parent_path(), fs::perms::owner_all, ec);  // see read_private
    if (ec) return;
    // A temporary name of its own, renamed over the entry: concurrent runs never see half an
    // entry. Not synced: a file lost in a crash is only a miss.
    std::random_device random;
    const fs::path temp =
        target.string() + std::string(temp_marker) + std::to_string(::getpid()) + "." + std::to_string(random());
    const std::string payload = encode_center(center);
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << magic << path_line(absolute) << '\n' << path_line(executable_) << '\n' << key << '\n'
            << fingerprint_hex(payload) << '\n' << payload;
        out.close();
        if (!out) {
            fs::remove(temp, ec);
            return;
        }
    }
    // Whatever the umask: an entry others could write to would never be read.
    fs::permissions(temp, fs::perms::owner_read | fs::perms::owner_write, ec);
    if (!ec) fs::rename(temp, target, ec);
    if (ec) fs::remove(temp, ec);
}

// Runs only where a write happened (a register was parsed), so a run that finds everything
// cached never lists the directory. Removes only names this class makes, in a directory
// that is the user's own.
void RegisterCache::prune() const {
    if (!enabled()) return;
    const fs::path dir = registers();
    if (!private_directory(dir)) return;
    const auto now = fs::file_time_type::clock::now();
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& entry = it->path();
        const std::string name = entry.filename().string();
        std::error_code ignored;
        if (name.find(temp_marker) != std::string::npos) {
            const auto written = fs::last_write_time(entry, ignored);
            if (!ignored && now - written > std::chrono::hours(1)) fs::remove(entry, ignored);
            continue;
        }
        if (entry.extension() != ".bin") continue;
        // The header only: magic, path, key and digest lines fit in a few kilobytes.
        const auto head = read_private(entry, 8192);
        if (!head) continue;  // not the user's own: leave it alone
        std::string_view rest = *head;
        const bool readable = rest.substr(0, magic.size()) == magic;
        rest.remove_prefix(std::min(rest.size(), magic.size()));
        const auto path = readable ? take_line(rest) : std::nullopt;
        const auto executable = path ? take_line(rest) : std::nullopt;
        if (readable && (!path || path->empty() || !executable || executable->empty() ||
                         slot_name(fs::path(*executable), fs::path(*path)) != name))
            continue;
        // Gone, and not merely out of reach.
        auto gone = [&ignored](std::string_view file) {
            return fs::status(fs::path(file), ignored).type() == fs::file_type::not_found;
        };
        // An older format, or a register or an executable that is gone.
        if (!readable || gone(*path) || gone(*executable)) fs::remove(entry, ignored);
    }
}

}  // namespace tilsyn
