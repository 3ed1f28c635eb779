#include "web/login_throttle.h"

#include <doctest/doctest.h>

using namespace tilsyn;

TEST_CASE("failed logins are free up to a limit, then each waits twice as long") {
    LoginThrottle t;
    const UnixTime now = 1'800'000'000;
    for (int i = 0; i < LoginThrottle::free_failures - 1; ++i) {
        t.failed("login:akb", now);
        CHECK(t.wait("login:akb", now) == 0);
    }
    t.failed("login:akb", now);
    CHECK(t.wait("login:akb", now) == LoginThrottle::first_wait_seconds);
    CHECK(t.wait("login:akb", now + 10) == LoginThrottle::first_wait_seconds - 10);
    CHECK(t.wait("login:akb", now + LoginThrottle::first_wait_seconds) == 0);
    t.failed("login:akb", now + 40);
    CHECK(t.wait("login:akb", now + 40) == 2 * LoginThrottle::first_wait_seconds);
    // Other keys are not affected.
    CHECK(t.wait("login:pvj", now) == 0);
}

TEST_CASE("the wait is capped, a success clears it and a quiet hour forgives") {
    LoginThrottle t;
    UnixTime now = 1'800'000'000;
    for (int i = 0; i < 30; ++i) t.failed("address:10.0.0.9", now);
    CHECK(t.wait("address:10.0.0.9", now) == LoginThrottle::max_wait_seconds);
    CHECK(t.wait("address:10.0.0.9", now + 3601) == 0);

    for (int i = 0; i < 10; ++i) t.failed("login:mhc", now);
    CHECK(t.wait("login:mhc", now) > 0);
    t.succeeded("login:mhc");
    CHECK(t.wait("login:mhc", now) == 0);
}
