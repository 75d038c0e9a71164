// SPDX-License-Identifier: MIT
#pragma once

#include <netinet/in.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace NebengJek::Bench {

// Many client WebSockets on one epoll loop, for generating load cheaply. A QWebSocket per
// connection costs about what the server spends per connection, and Qt's event dispatcher polls
// every socket on each wake-up, so with thousands of sockets the generator, not the server,
// would be measured. This pool does only what a load client needs: non-blocking connect from a
// chosen source address, the upgrade request, masked text frames out, text/ping/close frames in.
class WsClientPool
{
public:
    enum class State : uint8_t { Idle, Connecting, Handshaking, Open, Closed };

    class Handler
    {
    public:
        virtual ~Handler() = default;
        virtual void onOpen(uint32_t) { }
        virtual void onText(uint32_t index, std::string_view text) = 0;
        // httpStatus: the refused upgrade's status, or 0 when the connection failed or closed.
        virtual void onClosed(uint32_t, int /*httpStatus*/) { }
    };

    WsClientPool(size_t count, Handler *handler);
    ~WsClientPool();
    WsClientPool(const WsClientPool &) = delete;
    WsClientPool &operator=(const WsClientPool &) = delete;

    // Starts connecting connection `index` from `source` (port 0) to `target`, sending
    // `upgradeRequest` (a complete HTTP request head) once TCP is up.
    bool connect(uint32_t index, const sockaddr_in &source, const sockaddr_in &target,
                 std::string upgradeRequest);
    // Queues one masked text frame; false when the connection is not open.
    bool sendText(uint32_t index, std::string_view text);
    void close(uint32_t index);
    void closeAll();

    // Waits up to timeoutMs for events and handles them all; returns the number handled.
    int poll(int timeoutMs);

    State state(uint32_t index) const { return m_conns[index].state; }
    size_t size() const { return m_conns.size(); }
    size_t openCount() const { return m_open; }
    size_t pendingCount() const { return m_pending; } // connecting or handshaking
    size_t failedCount() const { return m_failed; }
    size_t closedAfterOpenCount() const { return m_closedAfterOpen; }
    // Bytes queued but not yet accepted by the kernel, over all connections.
    size_t queuedBytes() const { return m_queuedBytes; }

private:
    struct Connection
    {
        int fd = -1;
        State state = State::Idle;
        bool writeArmed = false;
        std::string out;
        size_t outPos = 0;
        std::string in;
        size_t inPos = 0;
        std::string fragments; // a fragmented message so far
        std::string request;
    };

    void handleEvent(uint32_t index, uint32_t events);
    void onWritable(uint32_t index);
    void onReadable(uint32_t index);
    bool parseHandshake(uint32_t index);
    void parseFrames(uint32_t index);
    void queueFrame(Connection &c, uint8_t opcode, std::string_view payload);
    void flush(uint32_t index);
    void fail(uint32_t index, int httpStatus);
    // Closes the socket; `notify`: the peer or the network ended it (counted, handler told).
    void drop(uint32_t index, int httpStatus, bool notify);
    void armWrite(uint32_t index, bool on);

    std::vector<Connection> m_conns;
    Handler *m_handler;
    std::vector<char> m_readBuffer; // one for all: each read is handled before the next
    int m_epoll = -1;
    uint32_t m_maskState = 0x9e3779b9u;
    size_t m_open = 0;
    size_t m_pending = 0;
    size_t m_failed = 0;
    size_t m_closedAfterOpen = 0;
    size_t m_queuedBytes = 0;
};

} // namespace NebengJek::Bench
