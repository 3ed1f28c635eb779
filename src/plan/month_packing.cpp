#include "plan/month_packing.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <numeric>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace tilsyn {

namespace {

std::size_t idx(int m) {
    return static_cast<std::size_t>(m);
}

using Bits = std::span<std::uint64_t>;

/// to |= from << shift, keeping bits 0..top.
void or_shifted(Bits to, Bits from, long long shift, long long top) {
    const auto words = static_cast<long long>(to.size());
    const long long whole = shift / 64, part = shift % 64;
    for (long long w = words - 1; w >= whole; --w) {
        std::uint64_t v = from[static_cast<std::size_t>(w - whole)] << part;
        if (part && w - whole - 1 >= 0)
            v |= from[static_cast<std::size_t>(w - whole - 1)] >> (64 - part);
        to[static_cast<std::size_t>(w)] |= v;
    }
    const long long unused = words * 64 - (top + 1);
    if (unused > 0) to.back() &= ~std::uint64_t{0} >> unused;
}

/// Whether any of bits lo..hi is set.
bool any_in(Bits bits, long long lo, long long hi) {
    lo = std::max<long long>(lo, 0);
    hi = std::min<long long>(hi, static_cast<long long>(bits.size()) * 64 - 1);
    for (long long b = lo; b <= hi;) {
        const std::uint64_t word = bits[static_cast<std::size_t>(b / 64)] >> (b % 64);
        const long long span = std::min<long long>(64 - b % 64, hi - b + 1);
        const std::uint64_t mask = span == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << span) - 1;
        if (word & mask) return true;
        b += span;
    }
    return false;
}

/// splitmix64: fixed pseudo-random numbers, the same on every platform.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/// Luby's sequence 1 1 2 1 1 2 4 1 1 2 1 1 2 4 8 ...: its i-th term (i from 1).
long luby(long i) {
    for (long k = 1;; ++k) {
        if (i == (1L << k) - 1) return 1L << (k - 1);
        if (i < (1L << k) - 1) return luby(i - (1L << (k - 1)) + 1);
    }
}

// Depth-first search over the months in calendar order, as bin completion does for bin
// packing: each month is filled before the next, from the supervisions that may still go
// there, those whose last allowed month it is first (they must all go in), then the others by
// how soon their months run out, the longest first, as many as fit. Three things keep it small:
//   * a closed month's unused room is lost, so no month may lose more than the slack: the
//     room the remaining months can use beyond the minutes still to place;
//   * when a month opens, Hall's condition is checked on every set of the remaining months
//     (what must fall inside a set fits in its room, each month's room rounded down to what
//     its candidates can fill), and which loads the month can take is worked out as a bounded
//     subset-sum, so that only fills that end in range are tried;
//   * different fills of the first months often leave the same supervisions for the rest: a
//     rest that failed once is remembered and not searched again.
// It restarts with a new order of the candidates that share a deadline whenever it has spent
// its share of the budget (Luby's sequence times a slice), so that one poor early month does
// not hold the whole search.
class Packer {
public:
    Packer(const LeaderLeveling& leader, long long peak, long budget) : budget_(budget) {
        result_.counts.assign(leader.classes.size(), {});
        room_.fill(peak);
        for (std::size_t i = 0; i < leader.classes.size(); ++i) {
            const LevelingClass& c = leader.classes[i];
            if (c.jobs.empty()) continue;
            const auto n = static_cast<int>(c.jobs.size());
            if (std::popcount(c.months) == 1) {
                const int m = std::countr_zero(c.months);
                room_[idx(m)] -= static_cast<long long>(n) * c.minutes;
                result_.counts[i][idx(m)] = n;
                continue;
            }
            Item it;
            it.cls = i;
            it.minutes = c.minutes;
            it.left = n;
            it.mask = c.months;
            it.last = std::bit_width(static_cast<unsigned>(c.months)) - 1;
            it.tag = {mix(2 * i), mix(2 * i + 1)};
            items_.push_back(it);
            unit_ = std::gcd(unit_, it.minutes);
            tag_[0] += static_cast<std::uint64_t>(n) * it.tag[0];
            tag_[1] += static_cast<std::uint64_t>(n) * it.tag[1];
        }
        std::stable_sort(items_.begin(), items_.end(), [](const Item& x, const Item& y) {
            return std::make_tuple(x.last, -x.minutes, x.mask) <
                   std::make_tuple(y.last, -y.minutes, y.mask);
        });
    }

    MonthPacking run() {
        bool found = false;
        bool settled = std::any_of(room_.begin(), room_.end(), [](long long r) { return r < 0; });
        for (restart_ = 0; !settled && nodes_ < budget_; ++restart_) {
            limit_ = std::min(budget_, nodes_ + restart_slice * luby(restart_ + 1));
            for (std::size_t i = 0; i < items_.size(); ++i) items_[i].rank = rank(i);
            exhausted_ = false;
            found = month(0);
            // A search that ends within its share has seen everything: its failure is a proof.
            settled = found || !exhausted_;
        }
        result_.outcome = found     ? MonthPacking::Outcome::found
                          : settled ? MonthPacking::Outcome::impossible
                                    : MonthPacking::Outcome::undecided;
        if (!found) result_.counts.clear();
        result_.nodes = nodes_;
        return result_;
    }

private:
    static constexpr long restart_slice = 1000;

    struct Item {
        std::size_t cls = 0;  ///< the class in the leader's order
        long long minutes = 0;
        int left = 0;  ///< not yet placed
        std::uint16_t mask = 0;
        int last = 0;                        ///< the last allowed month
        std::array<std::uint64_t, 2> tag{};  ///< its random numbers for the rest's fingerprint
        std::uint64_t rank = 0;  ///< among candidates of the same deadline, in this restart
    };

    /// The rest still to place, as a 128-bit fingerprint: the sums of left times each item's
    /// random numbers, kept up to date as supervisions are placed, plus the month. Two rests
    /// taken for one would need two 64-bit sums to agree by chance; the worst it could do is
    /// miss a lower peak, never give a wrong plan.
    struct Key {
        std::uint64_t a = 0, b = 0;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const {
            return static_cast<std::size_t>(k.a ^ std::rotl(k.b, 1));
        }
    };

    /// What Hall's condition leaves for the months from m on.
    struct Slack {
        long long spare = -1;  ///< usable room beyond what is left to place; -1: cannot fit
        std::array<long long, 12>
            usable{};  ///< per month: room rounded down to what its candidates can fill
    };

    /// One month's fill in progress. Each month's buffers are reused: only one search frame per
    /// month is active at a time.
    struct Fill {
        int month = 0;
        std::vector<std::size_t> candidates;  ///< by deadline, then this restart's rank
        std::vector<std::uint64_t>
            reach;  ///< per position, `words` words: the loads (in units) the rest can add
        std::size_t words = 0;
        long long least = 0, most = 0;  ///< the month's load, in units

        Bits reach_at(std::size_t k) { return Bits(reach).subspan(k * words, words); }
    };

    /// The order a restart gives candidates of the same deadline: the longest first on the
    /// first try, then a fixed scramble per restart.
    std::uint64_t rank(std::size_t item) const {
        return restart_ == 0 ? item : mix((static_cast<std::uint64_t>(restart_) << 32) ^ item);
    }

    void take(Item& it, int n) {
        it.left -= n;
        tag_[0] -= static_cast<std::uint64_t>(n) * it.tag[0];
        tag_[1] -= static_cast<std::uint64_t>(n) * it.tag[1];
    }

    Slack slack(int m) {
        Slack s;
        const unsigned rest = (0xFFFU >> m) << m;
        std::array<long long, 12> divisor{}, smallest{};
        long long total = 0;
        // Months that no remaining class tells apart form one block: a set of months that cuts
        // a block holds no more than the blocks inside it, so Hall's condition need only be
        // checked on unions of blocks (a few dozen sets where there would be 4,096).
        std::array<unsigned, 12> blocks{rest};
        std::size_t count = 1;
        for (const Item& it : items_) {
            if (it.left == 0) continue;
            const unsigned mask = it.mask & rest;
            if (mask == 0) return s;
            total += it.minutes * it.left;
            for (unsigned bits = mask; bits; bits &= bits - 1) {
                const auto q = idx(std::countr_zero(bits));
                if (divisor[q] != unit_) divisor[q] = std::gcd(divisor[q], it.minutes);
                smallest[q] = smallest[q] ? std::min(smallest[q], it.minutes) : it.minutes;
            }
            for (std::size_t b = 0, n = count; b < n; ++b)
                if ((blocks[b] & mask) && (blocks[b] & ~mask)) {
                    blocks[count++] = blocks[b] & ~mask;
                    blocks[b] &= mask;
                }
        }
        long long all = 0;
        for (auto q = idx(m); q < 12; ++q) {
            s.usable[q] =
                (divisor[q] == 0 || room_[q] < smallest[q]) ? 0 : room_[q] - room_[q] % divisor[q];
            all += s.usable[q];
        }
        if (all < total) return s;
        // The minutes that must fall inside each union of blocks: first per exact union, then
        // summed over subsets; and each union's usable room.
        inside_.assign(std::size_t{1} << count, 0);
        for (const Item& it : items_) {
            if (it.left == 0) continue;
            std::size_t set = 0;
            for (std::size_t b = 0; b < count; ++b)
                if (blocks[b] & it.mask) set |= std::size_t{1} << b;
            inside_[set] += it.minutes * it.left;
        }
        for (std::size_t step = 1; step < inside_.size(); step <<= 1)
            for (std::size_t base = 0; base < inside_.size(); base += 2 * step)
                for (std::size_t set = base; set < base + step; ++set)
                    inside_[set + step] += inside_[set];
        std::array<long long, 12> block_room{};
        for (std::size_t b = 0; b < count; ++b)
            for (unsigned bits = blocks[b]; bits; bits &= bits - 1)
                block_room[b] += s.usable[idx(std::countr_zero(bits))];
        room_of_.assign(inside_.size(), 0);
        for (std::size_t set = 1; set < inside_.size(); ++set) {
            room_of_[set] = room_of_[set & (set - 1)] + block_room[idx(std::countr_zero(set))];
            if (inside_[set] > room_of_[set]) return s;
        }
        s.spare = all - total;
        return s;
    }

    bool month(int m) {
        if (m == 12) return true;
        const Key key{tag_[0] + static_cast<std::uint64_t>(m) * 0x9e3779b97f4a7c15ULL,
                      tag_[1] ^ static_cast<std::uint64_t>(m)};
        if (failed_.count(key)) return false;
        const bool ok = open(m, key);
        if (!ok && !exhausted_) failed_.insert(key);
        return ok;
    }

    bool open(int m, const Key& key) {
        // A restart comes back through the same first months; their slack is kept.
        auto known = slack_of_.find(key);
        if (known == slack_of_.end()) known = slack_of_.emplace(key, slack(m)).first;
        const Slack s = known->second;
        if (s.spare < 0) return false;
        Fill& f = fills_[idx(m)];
        f.month = m;
        f.candidates.clear();
        for (std::size_t i = 0; i < items_.size(); ++i)
            if (items_[i].left && ((items_[i].mask >> m) & 1U)) f.candidates.push_back(i);
        if (f.candidates.empty()) return month(m + 1);
        std::stable_sort(f.candidates.begin(), f.candidates.end(),
                         [&](std::size_t x, std::size_t y) {
                             return std::make_pair(items_[x].last, items_[x].rank) <
                                    std::make_pair(items_[y].last, items_[y].rank);
                         });
        // Loads in units (the divisor of the minutes): at most the usable room, at least that
        // less the slack.
        f.most = s.usable[idx(m)] / unit_;
        f.least = std::max<long long>(0, (s.usable[idx(m)] - s.spare + unit_ - 1) / unit_);
        f.words = static_cast<std::size_t>(f.most / 64 + 1);
        f.reach.assign((f.candidates.size() + 1) * f.words, 0);
        f.reach_at(f.candidates.size())[0] = 1;
        for (std::size_t k = f.candidates.size(); k-- > 0;) {
            const Item& it = items_[f.candidates[k]];
            const long long step = it.minutes / unit_;
            for (int n = it.last == m ? it.left : 0; n <= it.left && n * step <= f.most; ++n)
                or_shifted(f.reach_at(k), f.reach_at(k + 1), n * step, f.most);
        }
        if (!any_in(f.reach_at(0), f.least, f.most)) return false;
        return fill(f, 0, 0);
    }

    /// Chooses how many of candidate k go in the month that `f` fills, `load` units taken so far.
    bool fill(Fill& f, std::size_t k, long long load) {
        if (++nodes_ > limit_) {
            exhausted_ = true;
            return false;
        }
        const int m = f.month;
        if (k == f.candidates.size()) {
            room_[idx(m)] -= load * unit_;
            const bool ok = month(m + 1);
            room_[idx(m)] += load * unit_;
            return ok;
        }
        Item& it = items_[f.candidates[k]];
        const long long step = it.minutes / unit_;
        const int most = static_cast<int>(std::min<long long>(it.left, (f.most - load) / step));
        const int fewest = it.last == m ? it.left : 0;
        std::array<int, 12>& counts = result_.counts[it.cls];
        for (int n = most; n >= fewest && !exhausted_; --n) {
            const long long after = load + n * step;
            if (!any_in(f.reach_at(k + 1), f.least - after, f.most - after)) continue;
            take(it, n);
            counts[idx(m)] = n;
            if (fill(f, k + 1, after)) return true;
            take(it, -n);
            counts[idx(m)] = 0;
        }
        return false;
    }

    long budget_;
    long limit_ = 0;  ///< the node count at which this restart gives up
    long restart_ = 0;
    long nodes_ = 0;
    bool exhausted_ = false;
    long long unit_ = 0;  ///< the greatest common divisor of the movable minutes
    std::array<long long, 12> room_{};
    std::vector<Item> items_;
    std::array<std::uint64_t, 2> tag_{};  ///< the rest's fingerprint, less the month
    std::unordered_set<Key, KeyHash> failed_;
    std::unordered_map<Key, Slack, KeyHash> slack_of_;
    std::array<Fill, 12> fills_;
    std::vector<long long> inside_,
        room_of_;  // slack()'s sums per set of months, kept to reuse their memory
    MonthPacking result_;
};

}  // namespace

MonthPacking pack_months(const LeaderLeveling& leader, long long peak, long budget) {
    return Packer(leader, peak, budget).run();
}

long long peak_lower_bound(const LeaderLeveling& leader) {
    const long long unit = leader.minutes_unit();
    std::array<long long, 12> fixed{};
    for (const LevelingClass& c : leader.classes) {
        if (c.jobs.empty()) continue;
        if (std::popcount(c.months) == 1)
            fixed[idx(std::countr_zero(c.months))] +=
                static_cast<long long>(c.jobs.size()) * c.minutes;
    }
    if (unit == 0) return 0;
    long long bound = 0;
    const std::vector<long long> inside = leader.minutes_inside();
    for (unsigned set = 1; set < (1U << 12); ++set) {
        const long long months = std::popcount(set);
        // The smallest multiple of the unit that is at least inside / months.
        bound = std::max(bound, (inside[set] + months * unit - 1) / (months * unit) * unit);
    }
    for (const LevelingClass& c : leader.classes) {
        if (c.jobs.empty() || std::popcount(c.months) < 2) continue;
        long long lightest = -1;
        for (int m = 0; m < 12; ++m)
            if (c.allows(m) && (lightest < 0 || fixed[idx(m)] < lightest)) lightest = fixed[idx(m)];
        bound = std::max(bound, lightest + c.minutes);
    }
    return bound;
}

}  // namespace tilsyn
