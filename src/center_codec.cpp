#include "center_codec.h"

#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace tilsyn {

namespace {

// Boost dates count days from 4713 BC; these are the first and last days it accepts.
const Date first_day(1400, 1, 1);
const Date last_day(9999, 12, 31);

class Encoder {
public:
    std::string take() { return std::move(out_); }

    template <class T>
    void number(T value) {
        static_assert(std::is_trivially_copyable_v<T>);
        out_.append(reinterpret_cast<const char*>(&value), sizeof value);
    }
    void count(std::size_t n) {
        if (n > std::numeric_limits<std::uint32_t>::max())
            throw std::length_error("encode_center: a text or list too long to keep");
        number(static_cast<std::uint32_t>(n));
    }
    void text(const std::string& s) {
        count(s.size());
        out_.append(s);
    }
    void date(Date d) { number(static_cast<std::uint32_t>(d.day_number())); }
    void optional_int(const std::optional<int>& v) {
        number(static_cast<std::uint8_t>(v.has_value()));
        if (v) number(*v);
    }

private:
    std::string out_;
};

class Decoder {
public:
    explicit Decoder(std::string_view bytes) : in_(bytes) {}

    [[noreturn]] static void fail(const char* what) {
        throw std::runtime_error(std::string("not a cached register: ") + what);
    }
    bool done() const { return in_.empty(); }

    template <class T>
    T number() {
        static_assert(std::is_trivially_copyable_v<T>);
        if (in_.size() < sizeof(T)) fail("the bytes end too soon");
        T value;
        std::memcpy(&value, in_.data(), sizeof value);
        in_.remove_prefix(sizeof value);
        return value;
    }
    /// A list's length, each element taking at least `least` bytes: a damaged length cannot
    /// make the decoder reserve room for more elements than the bytes could hold.
    std::size_t count(std::size_t least) {
        const std::size_t n = number<std::uint32_t>();
        if (n > in_.size() / least) fail("a length runs past the end");
        return n;
    }
    std::string text() {
        const std::size_t n = count(1);
        std::string s(in_.substr(0, n));
        in_.remove_prefix(n);
        return s;
    }
    Date date() {
        const long day = number<std::uint32_t>();
        if (day < static_cast<long>(first_day.day_number()) || day > static_cast<long>(last_day.day_number()))
            fail("a date out of range");
        return first_day + boost::gregorian::days(day - static_cast<long>(first_day.day_number()));
    }
    std::optional<int> optional_int() {
        if (!present()) return std::nullopt;
        return number<int>();
    }
    bool present() {
        const auto flag = number<std::uint8_t>();
        if (flag > 1) fail("a presence flag that is neither 0 nor 1");
        return flag == 1;
    }
    int small(int lowest, int highest, const char* what) {
        const int v = number<int>();
        if (v < lowest || v > highest) fail(what);
        return v;
    }

private:
    std::string_view in_;
};

// The smallest an encoded element can be, for Decoder::count: its lengths and flags alone.
constexpr std::size_t least_leader = 3 * 4 + 1;
constexpr std::size_t least_assessment = 4 + 4 * 4 + 4 + 2;
constexpr std::size_t least_area = 3 * 4 + 4 + 4 + 3 * 1 + 4 + 2 * 4;

void encode(Encoder& e, const AxisScore& s) {
    e.number(s.likelihood);
    e.number(s.consequence);
}
AxisScore decode_axis(Decoder& d) {
    AxisScore s;
    s.likelihood = d.number<int>();
    s.consequence = d.number<int>();
    return s;
}

void encode(Encoder& e, const Assessment& a) {
    e.date(a.date);
    encode(e, a.sagsbehandling);
    encode(e, a.statsrefusion);
    e.text(a.reason);
    e.number(static_cast<std::uint8_t>(a.colour_override.has_value()));
    if (a.colour_override) {
        e.number(static_cast<int>(a.colour_override->value));
        e.text(a.colour_override->reason);
    }
    e.number(static_cast<std::uint8_t>(a.cadence_override.has_value()));
    if (a.cadence_override) {
        e.number(a.cadence_override->value.months());
        e.text(a.cadence_override->reason);
    }
}
Assessment decode_assessment(Decoder& d) {
    Assessment a;
    a.date = d.date();
    a.sagsbehandling = decode_axis(d);
    a.statsrefusion = decode_axis(d);
    a.reason = d.text();
    if (d.present()) {
        const auto colour = static_cast<Colour>(d.small(0, 2, "an unknown colour"));
        a.colour_override = Override<Colour>{colour, d.text()};
    }
    if (d.present()) {
        const int months = d.small(1, 12, "a cadence that does not divide the year");
        if (12 % months != 0) Decoder::fail("a cadence that does not divide the year");
        a.cadence_override = Override<Cadence>{Cadence::every(months), d.text()};
    }
    return a;
}

void encode(Encoder& e, const Leader& l) {
    e.text(l.id);
    e.text(l.name);
    e.text(l.email);
    e.optional_int(l.capacity_minutes);
}
Leader decode_leader(Decoder& d) {
    Leader l;
    l.id = d.text();
    l.name = d.text();
    l.email = d.text();
    l.capacity_minutes = d.optional_int();
    return l;
}

void encode(Encoder& e, const Area& a) {
    e.text(a.id);
    e.text(a.name);
    e.number(static_cast<int>(a.kind));
    e.count(a.leader);
    e.text(a.focus);
    e.optional_int(a.population);
    e.optional_int(a.sample_size);
    e.optional_int(a.minutes);
    e.count(a.assessments.size());
    for (const Assessment& as : a.assessments) encode(e, as);
    e.number(a.line);
    e.number(a.column);
}
Area decode_area(Decoder& d, std::size_t leaders) {
    Area a;
    a.id = d.text();
    a.name = d.text();
    a.kind = static_cast<AreaKind>(d.small(0, 1, "an unknown kind of area"));
    a.leader = d.number<std::uint32_t>();
    if (a.leader >= leaders) Decoder::fail("an area's leader is not one of the center's");
    a.focus = d.text();
    a.population = d.optional_int();
    a.sample_size = d.optional_int();
    a.minutes = d.optional_int();
    a.assessments.resize(d.count(least_assessment));
    for (Assessment& as : a.assessments) as = decode_assessment(d);
    a.line = d.number<int>();
    a.column = d.number<int>();
    return a;
}

}  // namespace

std::string encode_center(const Center& center) {
    Encoder e;
    e.text(center.id);
    e.text(center.name);
    e.text(center.source);
    e.count(center.leaders.size());
    for (const Leader& l : center.leaders) encode(e, l);
    e.count(center.areas.size());
    for (const Area& a : center.areas) encode(e, a);
    return e.take();
}

Center decode_center(std::string_view bytes) {
    Decoder d(bytes);
    Center center;
    center.id = d.text();
    center.name = d.text();
    center.source = d.text();
    center.leaders.resize(d.count(least_leader));
    for (Leader& l : center.leaders) l = decode_leader(d);
    center.areas.resize(d.count(least_area));
    for (Area& a : center.areas) a = decode_area(d, center.leaders.size());
    if (!d.done()) Decoder::fail("bytes left over after the center");
    return center;
}

}  // namespace tilsyn
