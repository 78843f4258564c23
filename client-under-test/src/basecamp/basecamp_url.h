// Which Basecamp origin bcsync may be pointed at (`--basecamp`). Bearer tokens, refresh tokens
// and the client secret travel to it, so it must be https unless it is this machine (a
// simulator on loopback), as the official SDK requires ("HTTPS enforced for non-localhost
// requests"). Plain http to another host is refused unless the operator asked for it
// explicitly (allow_insecure). Pure; thread safe.
#pragma once

#include <string>

#include "bcsync/status.h"

namespace bcsync::basecamp {

// True for localhost (any case, also *.localhost), 127.0.0.0/8 and ::1 ("[::1]" in a URL).
bool IsLoopbackHost(const std::string& host);

// OK for https://host[:port] and for http:// to a loopback host; http:// to any other host
// only with allow_insecure. InvalidArgument (message naming the URL and the way out) for
// anything else: another scheme, no host, user:password@ in the URL, a bad port.
Status CheckBasecampUrl(const std::string& url, bool allow_insecure);

}  // namespace bcsync::basecamp
