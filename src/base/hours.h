#pragma once
// Hours for people: workload is kept in whole minutes and shown in hours with at most two
// decimals, trailing zeros dropped ("7.5", "12", "0.33").

#include <string>

namespace tilsyn {

std::string hours_plain(long long minutes);   ///< "7.5": for CSV (through csv_decimal) and JSON
std::string hours_danish(long long minutes);  ///< "7,5"
std::string hours_text(long long minutes);    ///< "7,5 t": the tables' cells

}  // namespace tilsyn
