// Applying a fired fault to an HTTP exchange: delays (real or virtual), canned responses,
// dropped connections, truncated and malformed bodies.
// Thread safety: stateless; delays run on the calling worker thread without any lock held.
#pragma once

#include <httplib.h>

#include "faults/fault.h"
#include "server/state.h"

namespace bcsim {

// Before the normal answer: waits out `delay` (options.virtual_delay, else a real sleep when
// options.real_delays). Returns true when the fault answers by itself (respond or
// drop_connection) and `res` is final; false when the normal answer should follow.
bool ApplyFaultBefore(const SimState& s, const Fault& f, const httplib::Request& req,
                      httplib::Response& res);
// After the normal answer: truncate_body and malformed_json rewrite `res`.
void ApplyFaultAfter(const Fault& f, httplib::Response& res);

// Closes the TCP connection `req` arrived on (shutdown both ways) so the client gets no
// answer. Returns false when the socket could not be found.
bool DropConnection(const httplib::Request& req);

}  // namespace bcsim
