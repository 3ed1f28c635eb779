#include "web/scope.h"

#include <algorithm>
#include <cctype>

namespace tilsyn {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

Scope Scope::of(const User& user, const Rules&) {
    Scope s;
    switch (user.role) {
        case Role::revisor:
            s.all_ = true;
            break;
        case Role::centerchef:
            s.centers_ = user.centers;
            break;
        case Role::leder:
            s.leader_email_ = lower(user.email);
            break;
        case Role::admin:
            break;
    }
    return s;
}

bool Scope::sees(const Center& center, const Area& area) const {
    if (all_) return true;
    if (std::find(centers_.begin(), centers_.end(), center.id) != centers_.end()) return true;
    return leader_email_ && lower(center.leader_of(area).email) == *leader_email_;
}

bool Scope::sees(const Center& center) const {
    return std::any_of(center.areas.begin(), center.areas.end(),
                       [&](const Area& a) { return sees(center, a); });
}

bool Scope::sees_area(const Rules& rules, std::string_view area_id) const {
    const auto [center, area] = rules.find_area(area_id);
    return area && sees(*center, *area);
}

std::vector<const Center*> Scope::centers(const Rules& rules) const {
    std::vector<const Center*> out;
    for (const Center& c : rules.centers)
        if (sees(c)) out.push_back(&c);
    return out;
}

PlanFilter Scope::filter(const Rules& rules) const {
    PlanFilter f;
    if (centers_.size() == 1) f.center = centers_.front();
    // The plan matches a leader's e-mail as the register spells it.
    if (leader_email_)
        for (const Center& c : rules.centers)
            for (const Leader& l : c.leaders)
                if (lower(l.email) == *leader_email_) f.leader = l.email;
    return f;
}

void Scope::keep(Plan& plan) const {
    if (all_) return;
    auto outside = [this](const auto& x) { return !sees(*x.center, *x.area); };
    std::erase_if(plan.occurrences, outside);
    std::erase_if(plan.cancelled, outside);
    std::erase_if(plan.changes, outside);
}

}  // namespace tilsyn
