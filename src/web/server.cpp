#include "web/server.h"

#include "base/dates.h"
#include "base/error.h"
#include "web/assets.h"
#include "web/calendar_feed.h"
#include "web/layout.h"
#include "web/passwords.h"
#include "web/routes.h"

#include <httplib.h>
#include <boost/date_time/posix_time/posix_time.hpp>

#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace tilsyn {

namespace {

constexpr const char* session_cookie = "tilsyn_session";
constexpr const char* login_cookie = "tilsyn_login";  // the login form's CSRF token

std::optional<std::string> cookie(const httplib::Request& req, std::string_view name) {
    // Cookie: a=1; tilsyn_session=...: pairs split by "; " (RFC 6265, section 4.2.1).
    const std::string header = req.get_header_value("Cookie");
    std::string_view rest = header;
    while (!rest.empty()) {
        const std::size_t end = rest.find(';');
        std::string_view pair = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        const std::size_t eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name)
            return std::string(pair.substr(eq + 1));
    }
    return std::nullopt;
}

bool is_token(std::string_view s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// A "next" address after login must stay on this server: a path, never "//host" or a URL.
// Browsers drop tabs and line breaks from an address before reading it ("/<TAB>/evil.example"
// is "//evil.example" to them), so only printable ASCII without spaces passes; a real path
// comes percent-encoded.
std::string local_path(const std::string& next, std::string_view fallback) {
    const bool printable = std::all_of(next.begin(), next.end(), [](char c) {
        return c > ' ' && c < '\x7f';  // also refuses bytes above 0x7f (char may be signed)
    });
    if (next.size() > 1 && next.front() == '/' && next[1] != '/' && next[1] != '\\' && printable &&
        next.size() < 512)
        return next;
    return std::string(fallback);
}

bool trusted_proxy(const Access& access, const std::string& address) {
    const auto& proxies = access.login.trusted_proxies;
    return std::find(proxies.begin(), proxies.end(), address) != proxies.end();
}

// Whether the user's browser reached us over TLS: only a trusted proxy can say so.
bool over_tls(const Access& access, const httplib::Request& req) {
    return trusted_proxy(access, req.remote_addr) &&
           req.get_header_value("X-Forwarded-Proto") == "https";
}

std::string origin_of(const Access& access, const httplib::Request& req) {
    std::string host = trusted_proxy(access, req.remote_addr) && req.has_header("X-Forwarded-Host")
                           ? req.get_header_value("X-Forwarded-Host")
                           : req.get_header_value("Host");
    const bool plain = std::all_of(host.begin(), host.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    });
    if (host.empty() || !plain || host.size() > 255) host = "localhost";
    return (over_tls(access, req) ? "https://" : "http://") + host;
}

std::string session_cookie_value(const std::string& token, bool secure) {
    return std::string(session_cookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
           (secure ? "; Secure" : "");
}

void security_headers(httplib::Response& res) {
    // No inline script or style anywhere: pages are plain HTML with one style sheet.
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                   "object-src 'none'; base-uri 'none'; form-action 'self'; "
                   "frame-ancestors 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Cross-Origin-Opener-Policy", "same-origin");
    res.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
}

void send(httplib::Response& res, const Reply& reply) {
    res.status = reply.status;
    for (const auto& [name, value] : reply.headers) res.set_header(name, value);
    if (reply.redirect) {
        res.status = 303;
        res.set_header("Location", *reply.redirect);
    }
    if (reply.file_name)
        res.set_header("Content-Disposition", "attachment; filename=\"" + *reply.file_name + "\"");
    res.set_content(reply.body, reply.content_type);
}

// A page for someone not logged in (or not known): the same frame without navigation.
std::string bare_page(std::string_view title, std::string_view text) {
    Data d;
    d.set("title", std::string(title));
    d.set("text", std::string(text));
    return render("bare.mustache", d);
}

void bare(httplib::Response& res, int status, std::string_view title, std::string_view text) {
    res.status = status;
    res.set_content(bare_page(title, text), "text/html; charset=utf-8");
}

}  // namespace

WebServer::WebServer(Site& site, ServerSettings settings, std::ostream& log)
    : site_(site),
      settings_(std::move(settings)),
      log_(log),
      http_(std::make_unique<httplib::Server>()) {
    httplib::Server& http = *http_;
    const std::size_t threads = settings_.threads;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    // A client that sends its request slowly holds a thread for at most this long.
    http.set_read_timeout(10);
    http.set_write_timeout(10);
    // One request per connection. cpp-httplib gives a connection a thread until it closes,
    // and a browser keeps an idle one open between pages: with keep-alive, as many users as
    // threads held every thread and the others waited (bench/serve_bench.py: 50 users asking
    // for a page every 2 s got 3.7 pages a second in all, not 25). A new connection costs far
    // less than that wait; nginx (contrib/nginx) opens one per request to us anyway.
    http.set_keep_alive_timeout(5);
    http.set_keep_alive_max_count(1);
    http.set_socket_options([this](socket_t sock) {
        httplib::default_socket_options(sock);
        listen_socket_ = sock;
    });
    http.set_payload_max_length(settings_.max_body);

    auto handle = [this](Method method) {
        return [this, method](const httplib::Request& req, httplib::Response& res) {
            try {
                dispatch(method, req, res);
            } catch (const std::exception& e) {
                {
                    std::lock_guard lock(log_mutex_);
                    log_ << "tilsyn: serve: " << req.method << ' ' << req.path << ": " << e.what()
                         << '\n';
                }
                bare(res, 500, "Serverfejl",
                     "Siden kunne ikke vises. Fejlen er skrevet i serverens log.");
            }
        };
    };
    http.Get(".*", handle(Method::get));
    http.Post(".*", handle(Method::post));
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        if (res.status == 413)
            bare(res, 413, "For stor forespørgsel", "Forespørgslen er for stor.");
        else if (res.status == 404)
            bare(res, 404, "Siden findes ikke", "Der er ingen side på denne adresse.");
        else if (res.status >= 400)
            bare(res, res.status, "Fejl", "Forespørgslen kunne ikke behandles.");
    });
    http.set_post_routing_handler(
        [](const httplib::Request&, httplib::Response& res) { security_headers(res); });
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        // The calendar feed's path is its secret: never written to a log.
        const std::string path = req.path.starts_with(calendar_feed_prefix)
                                     ? std::string(calendar_feed_prefix) + "…"
                                     : req.path;
        std::lock_guard lock(log_mutex_);
        log_ << req.remote_addr << ' ' << req.method << ' ' << path << ' ' << res.status << '\n';
    });
}

WebServer::~WebServer() = default;

void WebServer::bind() {
    port_ = settings_.port;
    if (settings_.port == 0) port_ = http_->bind_to_any_port(settings_.host);
    if (port_ <= 0 || (settings_.port != 0 && !http_->bind_to_port(settings_.host, settings_.port)))
        throw InputError("--listen: cannot listen on " + settings_.host + ":" +
                         std::to_string(settings_.port) +
                         " (in use, or not an address of this machine)");
    // cpp-httplib listens with a backlog of 5 connections (CPPHTTPLIB_LISTEN_BACKLOG, compiled
    // into Debian's library). With a connection per request, 50 users overflowed it whenever
    // the accepting thread waited for a processor, and each overflow cost the browser a second
    // before it sent its SYN again (bench/serve_bench.py). Listening again sets the backlog.
    if (listen_socket_ >= 0) ::listen(listen_socket_, SOMAXCONN);
}

void WebServer::run() {
    http_->listen_after_bind();
}

void WebServer::stop() {
    http_->stop();
}

void WebServer::dispatch(Method method, const httplib::Request& req, httplib::Response& res) {
    const std::string& path = req.path;
    if (method == Method::get && path == "/static/tilsyn.css") {
        res.set_header("Cache-Control", "public, max-age=3600");
        res.set_content(std::string(*web_asset("tilsyn.css")), "text/css; charset=utf-8");
        return;
    }
    const std::shared_ptr<const Snapshot> snapshot = site_.current();
    const Access& access = snapshot->access;
    const boost::posix_time::ptime now = site_.now();
    const Date today = copenhagen_date(now);

    if (method == Method::get && path.starts_with(calendar_feed_prefix)) {
        send(res, calendar_feed(site_, *snapshot, path.substr(calendar_feed_prefix.size()), now));
        return;
    }
    if (path == "/login") {
        if (method == Method::get)
            login_form(req, res, *snapshot, {}, 200);
        else
            login(req, res, *snapshot, now);
        return;
    }

    // Who is asking: the reverse proxy's single sign-on header, trusted only from the proxies
    // access.toml names, else the session cookie.
    const SessionLimits limits{access.login.idle_minutes * 60, access.login.absolute_hours * 3600};
    const User* user = nullptr;
    std::optional<ActiveSession> session;
    const std::optional<std::string> token = cookie(req, session_cookie);
    if (token && is_token(*token)) session = site_.logins().session(*token, unix_time(now), limits);
    if (access.login.sso_header && req.has_header(*access.login.sso_header)) {
        if (!trusted_proxy(access, req.remote_addr)) {
            bare(res, 403, "Adgang nægtet",
                 "Login-headeren kom fra en adresse, som tilsyn ikke stoler på.");
            return;
        }
        const std::string who = req.get_header_value(*access.login.sso_header);
        user = access.find_sso(who);
        if (!user) {
            bare(res, 403, "Adgang nægtet",
                 "Du er logget ind som " + who +
                     ", men tilsyn kender dig ikke. Bed administratoren om at tilføje dig i "
                     "access.toml.");
            return;
        }
        // The proxy vouches for every request; a session of tilsyn's own carries the CSRF token.
        if (!session || session->login != user->login) {
            const NewSession fresh = site_.logins().start_session(user->login, unix_time(now));
            res.set_header("Set-Cookie", session_cookie_value(fresh.token, over_tls(access, req)));
            session = ActiveSession{user->login, fresh.csrf, unix_time(now)};
        }
    } else if (session) {
        user = access.find(session->login);
        if (!user) site_.logins().end_sessions_of(session->login);  // removed from access.toml
    }
    if (!user) {
        if (method == Method::get) {
            res.status = 303;
            std::string next = path;
            if (!req.params.empty() && path != "/") next = req.target;
            res.set_header("Location", path == "/" ? "/login"
                                                   : "/login?next=" +
                                                         httplib::detail::encode_query_param(next));
        } else {
            bare(res, 401, "Log ind", "Log ind for at bruge tilsyn.");
        }
        return;
    }

    if (method == Method::post) {
        const std::string sent = req.get_param_value("csrf");
        if (!same_secret(sent, session->csrf)) {
            bare(res, 403, "Formularen er udløbet",
                 "Formularen kunne ikke godkendes (CSRF-token mangler eller passer ikke). Gå "
                 "tilbage, genindlæs siden og prøv igen.");
            return;
        }
        if (path == "/logout") {
            if (token) site_.logins().end_session(*token);
            res.set_header("Set-Cookie", std::string(session_cookie) +
                                             "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
            res.status = 303;
            res.set_header("Location", "/login");
            return;
        }
    }
    const Scope scope = Scope::of(*user, snapshot->inputs.rules);
    std::multimap<std::string, std::string> params(req.params.begin(), req.params.end());
    PageRequest page_request{site_, *snapshot, *user, scope,         Params(std::move(params)),
                             today, now,       path,  session->csrf, origin_of(access, req),
                             {}};
    if (method == Method::get && path == "/") {
        const std::string_view home = home_of(user->role);
        // A role with no page in the navigation has no home: a redirect to "/" would loop.
        Reply reply;
        if (home == "/")
            reply = message_page(
                page_request, "Ingen sider",
                "Din rolle (" + std::string(role_name(user->role)) + ") har ingen sider i tilsyn.",
                403);
        else
            reply.redirect = std::string(home);
        send(res, reply);
        return;
    }
    const Route* route = find_route(method, path);
    if (!route) {
        send(res, message_page(page_request, "Siden findes ikke",
                               "Der er ingen side på denne adresse.", 404));
        return;
    }
    if (!(route->roles & role_bit(user->role))) {
        send(res, message_page(page_request, "Ingen adgang",
                               "Din rolle (" + std::string(role_name(user->role)) +
                                   ") giver ikke adgang til denne side.",
                               403));
        return;
    }
    if (route->path.ends_with('/')) page_request.rest = path.substr(route->path.size());
    try {
        send(res, route->handle(page_request));
    } catch (const BadRequest& e) {
        send(res, message_page(page_request, "Forkert forespørgsel", e.what(), 400));
    } catch (const Forbidden& e) {
        send(res, message_page(page_request, "Ingen adgang", e.what(), 403));
    } catch (const NotFound& e) {
        send(res, message_page(page_request, "Findes ikke", e.what(), 404));
    } catch (const Error& e) {
        // The log or the rules cannot give the page (a log that does not verify, an area the
        // log holds that no register has): the user sees why, as the command line would say it.
        send(res, message_page(page_request, "Siden kan ikke vises", e.what(), 500));
    }
}

void WebServer::login_form(const httplib::Request& req, httplib::Response& res,
                           const Snapshot& snapshot, const std::string& error, int status) {
    // The login form's own CSRF token, in a cookie of its own (double submit): a page on another
    // site cannot log a browser in under the attacker's account.
    std::string csrf = cookie(req, login_cookie).value_or("");
    if (!is_token(csrf)) {
        csrf = random_token();
        res.set_header("Set-Cookie", std::string(login_cookie) + "=" + csrf +
                                         "; Path=/login; HttpOnly; SameSite=Strict" +
                                         (over_tls(snapshot.access, req) ? "; Secure" : ""));
    }
    Data d;
    d.set("csrf", csrf);
    d.set("next", local_path(req.get_param_value("next"), "/"));
    d.set("login", req.get_param_value("login"));
    if (!error.empty()) d.set("error", error);
    d.set("sso", snapshot.access.login.sso_header.has_value());
    res.status = status;
    res.set_content(render("login.mustache", d), "text/html; charset=utf-8");
}

void WebServer::login(const httplib::Request& req, httplib::Response& res, const Snapshot& snapshot,
                      boost::posix_time::ptime now) {
    const std::optional<std::string> expected = cookie(req, login_cookie);
    if (!expected || !is_token(*expected) || !same_secret(req.get_param_value("csrf"), *expected)) {
        login_form(req, res, snapshot, "Formularen var udløbet. Prøv igen.", 403);
        return;
    }
    const std::string login_name = req.get_param_value("login");
    const std::string password = req.get_param_value("password");
    const UnixTime t = unix_time(now);
    // Throttled per login and per address: guessing one login's password from many addresses,
    // or many logins' from one, both slow down.
    const std::string by_login = "login:" + login_name;
    const std::string by_address = "address:" + req.remote_addr;
    const int wait = std::max(throttle_.wait(by_login, t), throttle_.wait(by_address, t));
    if (wait > 0) {
        res.set_header("Retry-After", std::to_string(wait));
        login_form(
            req, res, snapshot,
            "For mange forkerte forsøg. Vent " + std::to_string(wait) + " sekunder, og prøv igen.",
            429);
        return;
    }
    const User* user = snapshot.access.find(login_name);
    const std::optional<std::string> hash =
        user ? site_.logins().password_hash(user->login) : std::nullopt;
    // An unknown login costs as much time as a wrong password: the answer's speed must not
    // tell which logins exist.
    static const std::string decoy = hash_password(random_token());
    const bool ok = password_matches(hash.value_or(decoy), password) && user && hash;
    if (!ok) {
        throttle_.failed(by_login, t);
        throttle_.failed(by_address, t);
        login_form(req, res, snapshot, "Forkert brugernavn eller adgangskode.", 401);
        return;
    }
    throttle_.succeeded(by_login);
    throttle_.succeeded(by_address);
    // Always a new session id: one planted in the browser before login is never promoted.
    const NewSession session = site_.logins().start_session(user->login, t);
    res.set_header("Set-Cookie",
                   session_cookie_value(session.token, over_tls(snapshot.access, req)));
    res.status = 303;
    const std::string next = local_path(req.get_param_value("next"), "/");
    res.set_header("Location", next == "/" ? std::string(home_of(user->role)) : next);
}

}  // namespace tilsyn
