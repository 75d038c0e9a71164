// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaObject>
#include <QObject>

#include <functional>
#include <mutex>
#include <vector>

namespace NebengJek::Server {

// Hands items from any thread to the thread of `receiver`, in order, in batches: a burst of
// posts (a fan-out to a thousand connections) costs one wake-up of the receiving event loop,
// not one queued event each. Owned by the receiver (or something that outlives it): the wake-up
// is dropped with the receiver.
template<typename T> class Mailbox
{
public:
    using Drain = std::function<void(std::vector<T> &items)>;

    Mailbox(QObject *receiver, Drain drain)
        : m_receiver(receiver)
        , m_drain(std::move(drain))
    { }
    // Orders the owner's destruction after the last post (for ThreadSanitizer too).
    ~Mailbox() { std::lock_guard<std::mutex> lock(m_mutex); }
    Mailbox(const Mailbox &) = delete;
    Mailbox &operator=(const Mailbox &) = delete;

    void post(T item)
    {
        QObject *wake = nullptr;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_items.push_back(std::move(item));
            if (!m_scheduled)
                wake = m_receiver; // read under the lock: the owner may be going away
            m_scheduled = true;
        }
        if (wake)
            QMetaObject::invokeMethod(
                    wake, [this] { drain(); }, Qt::QueuedConnection);
    }

    // Posts a batch at once (one lock, at most one wake-up); leaves `items` empty.
    void postAll(std::vector<T> &items)
    {
        if (items.empty())
            return;
        QObject *wake = nullptr;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_items.empty()) {
                m_items.swap(items);
            } else {
                for (T &item : items)
                    m_items.push_back(std::move(item));
            }
            if (!m_scheduled)
                wake = m_receiver; // read under the lock: the owner may be going away
            m_scheduled = true;
        }
        items.clear();
        if (wake)
            QMetaObject::invokeMethod(
                    wake, [this] { drain(); }, Qt::QueuedConnection);
    }

    // Runs what is queued, on the receiver's thread, until nothing is left: items posted while
    // a batch is handled join the next round of the same drain instead of waking the receiver
    // again.
    void drain()
    {
        if (m_draining)
            return; // a handler ran a nested event loop: the outer drain goes on
        m_draining = true;
        for (;;) {
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                if (m_items.empty()) {
                    m_scheduled = false;
                    break;
                }
                m_batch.swap(m_items);
            }
            m_drain(m_batch);
            m_batch.clear(); // keeps the capacity for the next batch
        }
        m_draining = false;
    }

private:
    QObject *m_receiver;
    Drain m_drain;
    std::mutex m_mutex;
    std::vector<T> m_items; // guarded by m_mutex
    bool m_scheduled = false; // guarded by m_mutex: a drain is queued or running
    std::vector<T> m_batch; // receiver's thread only
    bool m_draining = false; // receiver's thread only
};

} // namespace NebengJek::Server
