#pragma once
// tilsyn serve's HTTP side, on Debian's cpp-httplib: who the request is from (single sign-on
// header from a trusted proxy, else the session cookie), whether their role may use the route,
// the CSRF token of every POST, and the security headers of every response. Pages themselves
// live in page_*.cpp and know nothing of HTTP.

#include "web/login_throttle.h"
#include "web/routes.h"
#include "web/site.h"

#include <memory>
#include <mutex>
#include <ostream>
#include <string>

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace tilsyn {

struct ServerSettings {
    std::string host = "127.0.0.1";
    int port = 8080;
    std::size_t threads = 8;
    std::size_t max_body = 1 << 20;  ///< bytes; a larger request body gets 413
};

class WebServer {
public:
    /// `log` gets one line per request (no query strings, no tokens) and the server's errors.
    WebServer(Site& site, ServerSettings settings, std::ostream& log);
    ~WebServer();
    WebServer(const WebServer&) = delete;
    WebServer& operator=(const WebServer&) = delete;

    /// Binds the address (port 0: a free one); throws InputError naming --listen when it
    /// cannot.
    void bind();
    /// The port bound to.
    int port() const { return port_; }
    /// Serves until stop() is called (from another thread, e.g. on SIGTERM); requests under
    /// way are finished first.
    void run();
    void stop();

private:
    void dispatch(Method method, const httplib::Request& req, httplib::Response& res);
    void login_form(const httplib::Request& req, httplib::Response& res, const Snapshot& snapshot,
                    const std::string& error, int status);
    void login(const httplib::Request& req, httplib::Response& res, const Snapshot& snapshot,
               boost::posix_time::ptime now);

    Site& site_;
    ServerSettings settings_;
    std::ostream& log_;
    std::unique_ptr<httplib::Server> http_;
    LoginThrottle throttle_;
    int port_ = 0;
    int listen_socket_ = -1;  ///< the socket bind() listens on, as cpp-httplib made it
    std::mutex log_mutex_;    // one line at a time from the server's threads
};

}  // namespace tilsyn
