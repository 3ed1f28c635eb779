#include "base/free_text.h"

#include "base/cpr_guard.h"
#include "base/error.h"
#include "base/text.h"

namespace tilsyn {

void check_text(std::string_view value, const std::string& place) {
    if (!is_valid_utf8(value)) throw InputError(place + ": the text is not valid UTF-8");
    for (char c : value)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
            throw InputError(place + ": the text contains a control character");
    refuse_cpr(value, place);
}

}  // namespace tilsyn
