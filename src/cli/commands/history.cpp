// tilsyn history AREA: the area's colour over time, each change with its source and reason.
#include "base/error.h"
#include "base/text.h"
#include "cli/inputs.h"
#include "cli/options.h"
#include "log/area_history.h"
#include "log/rerating.h"

namespace tilsyn {

void history_options(po::options_description& d) {
    d.add_options()("area", po::value<std::string>()->value_name("AREA"), "the area (its id)");
}

int run_history(const po::variables_map& vm, Context& ctx) {
    if (!vm.count("area")) throw UsageError("history: which area? tilsyn history AREA");
    auto store = open_log_for_reading(ctx);
    const Inputs in = load_inputs(ctx, store.get());
    const auto [center, area] = find_area(in.rules, vm["area"].as<std::string>(), "history");
    const AreaHistory h = area_history(in, store.get(), *center, *area, ctx.today);

    ctx.out << "Historik for " << area->name << " (" << area->id << "), " << center->name << "\n\n"
            << "Fra         Farve Hyppighed     Kilde\n";
    for (const AreaHistoryEvent& e : h.events) {
        ctx.out << iso(e.day) << "  "
                << pad(e.rating ? std::string(colour_danish(e.rating->colour)) : "-", 5) << " "
                << pad(e.rating ? e.rating->cadence.danish() : "-", 13) << " " << e.what << "\n"
                << wrap("Begrundelse: " + e.reason, 78, "            ");
    }
    if (h.closed)
        ctx.out << "\nLukket " << iso(area->closed->date) << ": intet tilsyn fra den dag\n";
    else
        ctx.out << "\nI kraft " << iso(ctx.today) << ": " << colour_danish(h.in_force.colour)
                << ", " << h.in_force.cadence.danish() << "\n";
    return 0;
}

}  // namespace tilsyn
