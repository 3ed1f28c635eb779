#pragma once
// A growing run of bytes that a writer first makes room in and then fills: a formatter that
// knows an upper bound of what it will write (an iCalendar event, whose folds are bounded by
// its length) copies its pieces without a capacity check at every one, which std::string
// makes, and without the zero-filling of std::string::resize. A large plan writes 600,000
// events of a dozen pieces each.

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace tilsyn {

class ByteBuffer {
public:
    /// Room for at least n bytes after the end; returns where they start. Bytes written there
    /// become part of the buffer with advance_to; until then, the next call may move them.
    char* room(std::size_t n) {
        if (capacity_ - size_ < n) grow(size_ + n);
        return data_.get() + size_;
    }
    /// The bytes from the end up to `end` (in the last room made) have been written.
    void advance_to(const char* end) {
        assert(end >= data_.get() + size_ && end <= data_.get() + capacity_);
        size_ = static_cast<std::size_t>(end - data_.get());
    }

    ByteBuffer& append(std::string_view bytes) {
        char* at = room(bytes.size());
        if (!bytes.empty()) std::memcpy(at, bytes.data(), bytes.size());
        size_ += bytes.size();
        return *this;
    }

    std::string_view view() const { return {data_.get(), size_}; }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    void clear() { size_ = 0; }  ///< keeps the memory, for the next use

private:
    void grow(std::size_t at_least) {
        const std::size_t capacity = std::max(at_least, 2 * capacity_);
        auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
        if (size_) std::memcpy(bigger.get(), data_.get(), size_);
        data_ = std::move(bigger);
        capacity_ = capacity;
    }

    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

}  // namespace tilsyn
