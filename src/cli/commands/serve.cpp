// tilsyn serve: the plan, the reminders and the log in the browser, behind a login, over the
// same rules directory and log as every other command (docs/serve.md).
#include "base/error.h"
#include "cli/command_table.h"
#include "web/server.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <thread>

namespace tilsyn {

void serve_options(po::options_description& d) {
    d.add_options()(
        "listen",
        po::value<std::string>()->default_value("127.0.0.1:8080")->value_name("HOST:PORT"),
        "the address to listen on; port 0 takes a free port and prints it")(
        "threads", po::value<std::string>()->default_value("8")->value_name("N"),
        "requests served at once (1-64)");
}

namespace {

ServerSettings listen_option(const std::string& text) {
    // "127.0.0.1:8080", "[::1]:8080", "localhost:8080"
    const std::size_t colon = text.rfind(':');
    ServerSettings s;
    if (colon == std::string::npos || colon == 0)
        throw UsageError("--listen: '" + text + "' is not HOST:PORT (e.g. 127.0.0.1:8080)");
    s.host = text.substr(0, colon);
    if (s.host.size() > 2 && s.host.front() == '[' && s.host.back() == ']')
        s.host = s.host.substr(1, s.host.size() - 2);
    const std::string port = text.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535)
        throw UsageError("--listen: '" + port + "' is not a port (0-65535)");
    s.port = std::stoi(port);
    return s;
}

}  // namespace

int run_serve(const po::variables_map& vm, Context& ctx) {
    ServerSettings settings = listen_option(vm["listen"].as<std::string>());
    const std::string threads = vm["threads"].as<std::string>();
    if (threads.empty() || threads.size() > 2 ||
        threads.find_first_not_of("0123456789") != std::string::npos || std::stoi(threads) < 1 ||
        std::stoi(threads) > 64)
        throw UsageError("--threads: '" + threads + "' is not a number from 1 to 64");
    settings.threads = static_cast<std::size_t>(std::stoi(threads));

    // SIGTERM (systemd's stop) and SIGINT (Ctrl-C) are taken by one thread with sigwait, so
    // no signal handler runs inside the server's threads; blocked before any thread starts,
    // so every thread inherits the mask.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    Site site({ctx.rules_dir, ctx.db_path, LoginStore::path_beside(ctx.db_path)}, ctx.clock);
    WebServer server(site, settings, ctx.err);
    server.bind();
    ctx.out << "tilsyn serve: http://"
            << (settings.host.find(':') != std::string::npos ? "[" + settings.host + "]"
                                                             : settings.host)
            << ':' << server.port() << "/ (rules " << ctx.rules_dir << ", log " << ctx.db_path
            << ")" << std::endl;

    std::thread stopper([&] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        server.stop();
    });
    server.run();
    // The server can only end through stop(), but should it end otherwise, the waiting thread
    // must still be woken: every thread blocks SIGTERM, so only its sigwait takes this one.
    ::kill(::getpid(), SIGTERM);
    stopper.join();
    ctx.out << "tilsyn serve: stopped" << std::endl;
    return 0;
}

}  // namespace tilsyn
