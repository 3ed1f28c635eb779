#include "web/zip_archive.h"

#include "base/error.h"

#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

namespace tilsyn {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what, zip_error_t* error) {
    throw Error("the zip archive cannot be made: " + what + ": " + zip_error_strerror(error));
}

struct ErrorHolder {
    zip_error_t error;
    ErrorHolder() { zip_error_init(&error); }
    ~ErrorHolder() { zip_error_fini(&error); }
};

}  // namespace

std::string zip_directory(const fs::path& dir, const std::string& prefix, std::time_t mtime) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    // libzip writes no archive at all without a file in it.
    if (files.empty()) throw Error("the zip archive cannot be made: " + dir.string() + " is empty");

    // The archive is written into a buffer source that outlives zip_close (zip_source_keep),
    // then read back from it: no file of its own on disk.
    ErrorHolder err;
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &err.error);
    if (!buffer) fail("buffer", &err.error);
    std::unique_ptr<zip_source_t, decltype(&zip_source_free)> keep_buffer(buffer, zip_source_free);
    zip_source_keep(buffer);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &err.error);
    if (!archive) fail("open", &err.error);
    std::unique_ptr<zip_t, decltype(&zip_discard)> keep_archive(archive, zip_discard);

    for (const fs::path& file : files) {
        const std::string name = prefix + "/" + fs::relative(file, dir).generic_string();
        // Length 0: to the end of the file (Debian's libzip 1.7 has no ZIP_LENGTH_TO_END yet).
        zip_source_t* source = zip_source_file(archive, file.c_str(), 0, 0);
        if (!source) fail(file.string(), zip_get_error(archive));
        const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(source);  // not taken over by the archive when adding fails
            fail(name, zip_get_error(archive));
        }
        if (zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), mtime, 0) < 0)
            fail(name, zip_get_error(archive));
    }
    if (zip_close(archive) < 0) fail("close", zip_get_error(archive));
    static_cast<void>(keep_archive.release());  // zip_close freed it

    // As libzip's own in-memory example reads it back.
    if (zip_source_open(buffer) < 0) fail("read back", zip_source_error(buffer));
    zip_source_seek(buffer, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    std::string bytes(size > 0 ? static_cast<std::size_t>(size) : 0, '\0');
    const zip_int64_t read = zip_source_read(buffer, bytes.data(), bytes.size());
    zip_source_close(buffer);
    if (size < 0 || read != size) fail("read back", zip_source_error(buffer));
    return bytes;
}

}  // namespace tilsyn
