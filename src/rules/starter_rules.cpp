#include "rules/starter_rules.h"

namespace tilsyn {

std::string starter_policy() {
    return R"(# Politik for risikobaseret ledelsestilsyn (written by `tilsyn init`).
# Every key below is at its default; change what your municipality decides and delete the rest.
# docs/rules.md describes each key. Unknown keys are errors.

[scale]                      # sandsynlighed og konsekvens
likelihood  = { min = 1, max = 5 }
consequence = { min = 1, max = 5 }

[rating]                     # per akse; the worse axis gives the colour
method      = "product"      # "product" (sandsynlighed x konsekvens) or "sum"
red_from    = 15             # score >= 15: rød
yellow_from = 6              # score >= 6: gul, lower: grøn

[cadence]                    # how often each colour is supervised
red    = "monthly"           # månedligt
yellow = "quarterly"         # kvartalsvist
green  = "half-yearly"       # halvårligt

[start]                      # an area's first period: the first that begins on or after its
running_period   = false     # first assessment; true: also the running one, when at least
min_working_days = 10        # this many of its working days remain

[closing_days]               # besides weekends and public holidays; "MM-DD" or "YYYY-MM-DD"
"12-24" = "Juleaftensdag"
"12-31" = "Nytårsaftensdag"

[rerating]                   # how findings re-rate an area
raise_above_percent = 10     # error rate above 10 % on either axis: one colour up
material_to_red     = true   # a væsentlig finding: red at once
lower_below_percent = 5      # below 5 % on both axes ...
lower_after         = 3      # ... in 3 consecutive supervisions: one colour down

[reminders]                  # tilsyn remind
within   = 5                 # "due soon": due within 5 working days
# since  = 2027-01-01        # overdue from this day (default: the day the log was started)
# from   = "tilsyn@kommune.example"   # the mails' sender (default: tilsyn@ + uid_domain)
sendmail = "/usr/sbin/sendmail -t -oi"

[timeliness]                 # tilsyn report, audit and log
register_within = 5          # recorded later than 5 working days after it was performed:
                             # "registreret sent" (the supervision itself stays on time)

[sampling]                   # cases per supervision (docs/sampling.md)
method = "fixed"
red    = 15
yellow = 10
green  = 5

[workload]                   # the leaders' time; without hours, counted in supervisions
# hours    = { red = 4, yellow = 3, green = 2 }
# capacity = 20              # hours per leader per month (needs hours)

[blackout]                   # when no supervision is planned (the due date is not moved)
weeks   = [28, 29, 30, 31]   # ISO weeks: the summer holidays
periods = [{ from = "12-22", to = "01-02" }]

[ics]
calendar_name = "Ledelsestilsyn"
uid_domain    = "tilsyn.invalid"   # your municipality's domain, e.g. "tilsyn.kommune.dk"
# reminder    = { time = "09:00", working_days_before = 1 }
)";
}

std::string starter_register(Date assessed) {
    std::string text =
        R"(# Et center: its leaders and its risk-rated areas (written by `tilsyn init`).
# One file per center; docs/rules.md describes every key. Rename the file, the ids and the
# texts to your own, and add an [[areas]] block per målgruppe or ydelsestype.

id   = "center"
name = "Borgercenter"

[[leaders]]
id    = "leder"
name  = "Leder Ledersen"
email = "leder@kommune.example"

[[areas]]
id     = "center-sygedagpenge"     # part of every calendar UID: keep it once in use
name   = "Sygedagpenge"
kind   = "målgruppe"               # or "ydelsestype"
leader = "leder"
focus  = "Rettidig opfølgning"

  [[areas.assessments]]            # dated; add a new one at each re-assessment
  date   = @DATE@
  sagsbehandling = { likelihood = 3, consequence = 3 }
  statsrefusion  = { likelihood = 2, consequence = 3 }
  reason = "Første risikovurdering."
)";
    const std::string marker = "@DATE@";
    text.replace(text.find(marker), marker.size(), iso(assessed));
    return text;
}

}  // namespace tilsyn
