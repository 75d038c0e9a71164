// SPDX-License-Identifier: MIT
#include "wsclientpool.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace NebengJek::Bench {

namespace {
constexpr int kMaxEventsPerPoll = 1024;
constexpr size_t kReadChunk = 64 * 1024;
// An upgrade response larger than this is not one we want to parse.
constexpr size_t kMaxResponseHead = 16 * 1024;
constexpr uint8_t kOpContinuation = 0x0, kOpText = 0x1, kOpBinary = 0x2, kOpClose = 0x8,
                  kOpPing = 0x9, kOpPong = 0xA;
} // namespace

WsClientPool::WsClientPool(size_t count, Handler *handler)
    : m_conns(count)
    , m_handler(handler)
    , m_readBuffer(kReadChunk)
{
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
}

WsClientPool::~WsClientPool()
{
    for (Connection &c : m_conns) {
        if (c.fd >= 0)
            ::close(c.fd);
    }
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool WsClientPool::connect(uint32_t index, const sockaddr_in &source, const sockaddr_in &target,
                           std::string upgradeRequest)
{
    Connection &c = m_conns[index];
    c = Connection();
    // Counted as pending first, so that any failure below is counted (and reported) by fail().
    c.state = State::Connecting;
    ++m_pending;
    c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) {
        fail(index, 0);
        return false;
    }
    const int one = 1;
    ::setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    // Lets the kernel choose the source port at connect() time from the whole 4-tuple, so
    // many source addresses do multiply the usable ports.
    ::setsockopt(c.fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
    if (::bind(c.fd, reinterpret_cast<const sockaddr *>(&source), sizeof source) != 0) {
        fail(index, 0);
        return false;
    }
    c.request = std::move(upgradeRequest);
    epoll_event ev {};
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.u64 = index;
    c.writeArmed = true;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, c.fd, &ev);
    const int rc = ::connect(c.fd, reinterpret_cast<const sockaddr *>(&target), sizeof target);
    if (rc != 0 && errno != EINPROGRESS) {
        fail(index, 0);
        return false;
    }
    return true;
}

void WsClientPool::armWrite(uint32_t index, bool on)
{
    Connection &c = m_conns[index];
    if (c.writeArmed == on || c.fd < 0)
        return;
    c.writeArmed = on;
    epoll_event ev {};
    ev.events = EPOLLIN | (on ? EPOLLOUT : 0u);
    ev.data.u64 = index;
    ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &ev);
}

void WsClientPool::fail(uint32_t index, int httpStatus)
{
    drop(index, httpStatus, true);
}

void WsClientPool::drop(uint32_t index, int httpStatus, bool notify)
{
    Connection &c = m_conns[index];
    if (c.state == State::Closed || c.state == State::Idle) {
        c.state = State::Closed;
        return;
    }
    if (c.state == State::Open) {
        --m_open;
        if (notify)
            ++m_closedAfterOpen;
    } else {
        --m_pending;
        if (notify)
            ++m_failed;
    }
    m_queuedBytes -= c.out.size() - c.outPos;
    if (c.fd >= 0)
        ::close(c.fd); // also removes it from the epoll set
    c.fd = -1;
    c.state = State::Closed;
    c.out.clear();
    c.outPos = 0;
    c.in.clear();
    c.inPos = 0;
    if (notify)
        m_handler->onClosed(index, httpStatus);
}

void WsClientPool::close(uint32_t index)
{
    Connection &c = m_conns[index];
    if (c.state == State::Open) {
        // A close frame first, so the server sees an orderly close rather than a reset.
        queueFrame(c, kOpClose, std::string_view("\x03\xe8", 2));
        flush(index);
    }
    drop(index, 0, false);
}

void WsClientPool::closeAll()
{
    for (uint32_t i = 0; i < m_conns.size(); ++i)
        close(i);
}

void WsClientPool::queueFrame(Connection &c, uint8_t opcode, std::string_view payload)
{
    char header[14];
    size_t n = 0;
    header[n++] = char(0x80 | opcode);
    const size_t len = payload.size();
    if (len < 126) {
        header[n++] = char(0x80 | len);
    } else if (len < 65536) {
        header[n++] = char(0x80 | 126);
        header[n++] = char(len >> 8);
        header[n++] = char(len);
    } else {
        header[n++] = char(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8)
            header[n++] = char(uint64_t(len) >> shift);
    }
    // RFC 6455 wants client frames masked with a fresh key; xorshift is plenty for loopback.
    m_maskState ^= m_maskState << 13;
    m_maskState ^= m_maskState >> 17;
    m_maskState ^= m_maskState << 5;
    uint8_t key[4];
    std::memcpy(key, &m_maskState, 4);
    std::memcpy(header + n, key, 4);
    n += 4;
    if (c.outPos > 0 && c.outPos == c.out.size()) {
        c.out.clear();
        c.outPos = 0;
    }
    c.out.append(header, n);
    const size_t start = c.out.size();
    c.out.append(payload.data(), len);
    char *p = c.out.data() + start;
    for (size_t i = 0; i < len; ++i)
        p[i] = char(uint8_t(p[i]) ^ key[i & 3]);
    m_queuedBytes += n + len;
}

bool WsClientPool::sendText(uint32_t index, std::string_view text)
{
    Connection &c = m_conns[index];
    if (c.state != State::Open)
        return false;
    queueFrame(c, kOpText, text);
    flush(index);
    return true;
}

void WsClientPool::flush(uint32_t index)
{
    Connection &c = m_conns[index];
    while (c.outPos < c.out.size()) {
        const ssize_t n =
                ::send(c.fd, c.out.data() + c.outPos, c.out.size() - c.outPos, MSG_NOSIGNAL);
        if (n > 0) {
            c.outPos += size_t(n);
            m_queuedBytes -= size_t(n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            armWrite(index, true);
            return;
        }
        fail(index, 0);
        return;
    }
    c.out.clear();
    c.outPos = 0;
    armWrite(index, false);
}

int WsClientPool::poll(int timeoutMs)
{
    epoll_event events[kMaxEventsPerPoll];
    const int n = ::epoll_wait(m_epoll, events, kMaxEventsPerPoll, timeoutMs);
    for (int i = 0; i < n; ++i)
        handleEvent(uint32_t(events[i].data.u64), events[i].events);
    return n < 0 ? 0 : n;
}

void WsClientPool::handleEvent(uint32_t index, uint32_t events)
{
    Connection &c = m_conns[index];
    if (c.state == State::Connecting) {
        int error = 0;
        socklen_t len = sizeof error;
        ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &len);
        if (error != 0 || (events & (EPOLLERR | EPOLLHUP))) {
            fail(index, 0);
            return;
        }
        c.state = State::Handshaking;
        c.out = std::move(c.request);
        c.outPos = 0;
        m_queuedBytes += c.out.size();
        c.request.clear();
        flush(index);
        return;
    }
    if (events & EPOLLIN)
        onReadable(index);
    if (c.state != State::Closed && (events & EPOLLOUT))
        flush(index);
    if (c.state != State::Closed && (events & (EPOLLERR | EPOLLHUP)) && !(events & EPOLLIN))
        fail(index, 0);
}

void WsClientPool::onReadable(uint32_t index)
{
    Connection &c = m_conns[index];
    const ssize_t n = ::recv(c.fd, m_readBuffer.data(), m_readBuffer.size(), 0);
    if (n <= 0) {
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        fail(index, 0);
        return;
    }
    if (c.inPos == c.in.size()) {
        c.in.clear();
        c.inPos = 0;
    } else if (c.inPos > kReadChunk) {
        c.in.erase(0, c.inPos);
        c.inPos = 0;
    }
    c.in.append(m_readBuffer.data(), size_t(n));
    if (c.state == State::Handshaking && !parseHandshake(index))
        return;
    if (c.state == State::Open)
        parseFrames(index);
}

bool WsClientPool::parseHandshake(uint32_t index)
{
    Connection &c = m_conns[index];
    const size_t end = c.in.find("\r\n\r\n");
    if (end == std::string::npos) {
        if (c.in.size() > kMaxResponseHead)
            fail(index, 0);
        return false;
    }
    // "HTTP/1.1 101 Switching Protocols"
    const int status = c.in.size() > 12 ? std::atoi(c.in.c_str() + 9) : 0;
    if (status != 101) {
        fail(index, status);
        return false;
    }
    c.inPos = end + 4;
    c.state = State::Open;
    --m_pending;
    ++m_open;
    m_handler->onOpen(index);
    return c.state == State::Open;
}

void WsClientPool::parseFrames(uint32_t index)
{
    Connection &c = m_conns[index];
    while (c.state == State::Open) {
        const size_t avail = c.in.size() - c.inPos;
        if (avail < 2)
            return;
        const auto *p = reinterpret_cast<const uint8_t *>(c.in.data() + c.inPos);
        const bool fin = p[0] & 0x80;
        const uint8_t opcode = p[0] & 0x0f;
        const bool masked = p[1] & 0x80;
        uint64_t len = p[1] & 0x7f;
        size_t header = 2;
        if (len == 126) {
            if (avail < 4)
                return;
            len = (uint64_t(p[2]) << 8) | p[3];
            header = 4;
        } else if (len == 127) {
            if (avail < 10)
                return;
            len = 0;
            for (int i = 0; i < 8; ++i)
                len = (len << 8) | p[2 + i];
            header = 10;
        }
        if (masked)
            header += 4; // servers do not mask; tolerated, payload taken as is
        if (avail < header + len)
            return;
        const std::string_view payload(c.in.data() + c.inPos + header, size_t(len));
        c.inPos += header + size_t(len);
        switch (opcode) {
        case kOpText:
        case kOpBinary:
            if (fin) {
                m_handler->onText(index, payload);
            } else {
                c.fragments.assign(payload);
            }
            break;
        case kOpContinuation:
            c.fragments.append(payload);
            if (fin) {
                const std::string whole = std::move(c.fragments);
                c.fragments.clear();
                m_handler->onText(index, whole);
            }
            break;
        case kOpPing:
            queueFrame(c, kOpPong, payload);
            flush(index);
            break;
        case kOpClose:
            queueFrame(c, kOpClose, payload.substr(0, 2));
            flush(index);
            fail(index, 0);
            return;
        case kOpPong:
        default:
            break;
        }
    }
}

} // namespace NebengJek::Bench
