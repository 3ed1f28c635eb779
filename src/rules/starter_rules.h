#pragma once
// The rules `tilsyn init` writes to start from: a policy.toml with every key at its default and
// a comment saying what it does, and one example register. Kept beside the readers, so that a
// unit test can hold them to what the readers accept and to the built-in defaults.

#include "base/dates.h"

#include <string>

namespace tilsyn {

/// policy.toml with every key written out at its built-in default, commented.
std::string starter_policy();

/// An example register, center.toml: one center, one leader and one area, first assessed on
/// `assessed`.
std::string starter_register(Date assessed);

}  // namespace tilsyn
