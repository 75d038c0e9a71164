// SPDX-License-Identifier: MIT
// The HTTP request head parser reads bytes peeked off a socket before anything is
// authenticated. Nothing may crash; a complete head stays within its limits and its accessors
// work on whatever was parsed.
#include <gateway/httprequesthead.h>

#include <cstdint>
#include <cstdlib>

using NebengJek::Server::HttpRequestHead;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    HttpRequestHead head;
    const HttpRequestHead::Status status = HttpRequestHead::parse(bytes, &head);
    if (status != HttpRequestHead::Status::Complete)
        return 0;
    if (head.length <= 0 || head.length > bytes.size() || head.length > HttpRequestHead::kMaxBytes
        || head.headers.size() > HttpRequestHead::kMaxHeaders)
        abort();
    // Parsing a prefix of a complete head never claims a different complete head.
    HttpRequestHead prefix;
    if (HttpRequestHead::parse(bytes.first(head.length), &prefix) != status
        || prefix.length != head.length)
        abort();
    (void)head.header("host");
    (void)head.headerHasToken("connection", "upgrade");
    (void)head.isWebSocketUpgrade();
    // The token never reaches a log line: every secret parameter of the redacted target is
    // replaced, whatever the fuzzer put around it.
    const QByteArray redacted = head.redactedTarget();
    if (!redacted.startsWith(head.path))
        abort();
    const qsizetype q = redacted.indexOf('?', head.path.size());
    if (q >= 0) {
        for (const QByteArray &pair : redacted.mid(q + 1).split('&')) {
            const qsizetype eq = pair.indexOf('=');
            const QByteArray name = eq < 0 ? pair : pair.left(eq);
            const bool secret = name == "token" || name == "access_token" || name == "jwt";
            if (secret && pair.mid(eq + 1) != "REDACTED")
                abort();
        }
    }
    (void)head.queryValue("token");
    return 0;
}
