// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import NebengJek.Core
import NebengJek.Components
import NebengJek.Ride

Item {
    id: root
    width: 900
    height: 700

    Component { id: badgeComponent; Badge { } }
    Component { id: indicatorComponent; ConnectionIndicator { } }
    Component { id: qualityComponent; QualityIndicator { } }
    Component { id: mapComponent; MapView { width: 600; height: 400 } }
    Component { id: segmentedComponent; Segmented { width: 300; options: ["A", "B", "C"] } }
    Component { id: ringComponent; CountdownRing { } }

    TestCase {
        name: "Components"
        when: windowShown

        function test_badge_data() {
            return [
                { tag: "zero", count: 0, shown: false, label: "0" },
                { tag: "seven", count: 7, shown: true, label: "7" },
                { tag: "ninety-nine", count: 99, shown: true, label: "99" },
                { tag: "hundred", count: 100, shown: true, label: "99+" },
                { tag: "many", count: 5000, shown: true, label: "99+" }
            ]
        }
        function test_badge(data) {
            const badge = createTemporaryObject(badgeComponent, root, { count: data.count })
            compare(badge.visible, data.shown)
            compare(badge.label, data.label)
            if (data.shown)
                verify(badge.width >= badge.height)
        }

        function test_connectionStates_data() {
            return [
                { tag: "signed out", state: ConnectionManager.SignedOut, text: "Signed out" },
                { tag: "offline", state: ConnectionManager.Offline, text: "Offline" },
                { tag: "connecting", state: ConnectionManager.Connecting, text: "Connecting…" },
                { tag: "connected", state: ConnectionManager.Connected, text: "Connected" },
                { tag: "suspended", state: ConnectionManager.Suspended, text: "Suspended" },
                { tag: "reconnecting now", state: ConnectionManager.Reconnecting, text: "Reconnecting…" }
            ]
        }
        function test_connectionStates(data) {
            const indicator = createTemporaryObject(indicatorComponent, root, { state: data.state })
            compare(indicator.text, data.text)
        }

        function test_reconnectCountdown() {
            const indicator = createTemporaryObject(indicatorComponent, root,
                                                    { nextRetryMs: 3000, state: ConnectionManager.Reconnecting })
            compare(indicator.text, "Reconnecting in 3 s")
            tryCompare(indicator, "text", "Reconnecting in 2 s", 2000)
            tryCompare(indicator, "text", "Reconnecting in 1 s", 2000)
            // A new delay (the next attempt failed) restarts the countdown.
            indicator.nextRetryMs = 8000
            compare(indicator.text, "Reconnecting in 8 s")
            indicator.state = ConnectionManager.Connected
            compare(indicator.text, "Connected")
        }

        function test_quality_data() {
            return [
                { tag: "excellent", level: ConnectionQuality.Excellent, rtt: 42, bars: 4, label: "EXCELLENT · 42 ms" },
                { tag: "good", level: ConnectionQuality.Good, rtt: 120, bars: 3, label: "GOOD · 120 ms" },
                { tag: "fair", level: ConnectionQuality.Fair, rtt: 500, bars: 2, label: "FAIR · 500 ms" },
                { tag: "poor", level: ConnectionQuality.Poor, rtt: 1500, bars: 1, label: "POOR · 1500 ms" },
                { tag: "no sample yet", level: ConnectionQuality.Good, rtt: -1, bars: 3, label: "GOOD" },
                { tag: "offline", level: ConnectionQuality.Offline, rtt: 80, bars: 0, label: "OFFLINE" }
            ]
        }
        function test_quality(data) {
            const q = createTemporaryObject(qualityComponent, root, { level: data.level, rttMs: data.rtt })
            compare(q.bars, data.bars)
            compare(q.label, data.label)
            compare(findChild(q, "qualityLabel").text, data.label)
        }

        function test_mapFitsMarkers() {
            const map = createTemporaryObject(mapComponent, root, {
                markers: [
                    { lat: -6.1754, lng: 106.8272, kind: "pickup", label: "Monas" },
                    { lat: -6.2244, lng: 106.8296, kind: "destination", label: "Kuningan City" },
                    { lat: -6.2000, lng: 106.8400, kind: "driver", label: "Driver" }
                ],
                route: [{ lat: -6.2000, lng: 106.8400 }, { lat: -6.1754, lng: 106.8400 }, { lat: -6.1754, lng: 106.8272 }]
            })
            const pickup = findChild(map, "marker_pickup")
            const destination = findChild(map, "marker_destination")
            const driver = findChild(map, "marker_driver")
            verify(pickup && destination && driver)
            for (const m of [pickup, destination, driver]) {
                verify(m.x >= 0 && m.x <= map.width, "x inside: " + m.x)
                verify(m.y >= 0 && m.y <= map.height, "y inside: " + m.y)
            }
            // North is up, east is right.
            verify(pickup.y < destination.y)
            verify(driver.x > pickup.x)
            // The projection round-trips.
            fuzzyCompare(map.latAt(map.toY(-6.2)), -6.2, 1e-9)
            fuzzyCompare(map.lngAt(map.toX(106.83)), 106.83, 1e-9)
        }

        function test_mapWithoutMarkersShowsTheCity() {
            const map = createTemporaryObject(mapComponent, root)
            fuzzyCompare(map.view.lat, -6.1754, 1e-9)
            fuzzyCompare(map.view.lng, 106.8272, 1e-9)
            verify(map.view.mpp > 0)
        }

        function test_segmented() {
            const seg = createTemporaryObject(segmentedComponent, root)
            const spy = createTemporaryObject(signalSpyComponent, root, { target: seg, signalName: "activated" })
            compare(seg.currentIndex, 0)
            mouseClick(findChild(seg, "option_2"))
            compare(seg.currentIndex, 2)
            compare(spy.count, 1)
            compare(spy.signalArguments[0][0], 2)
            verify(findChild(seg, "option_2").checked)
            verify(!findChild(seg, "option_0").checked)
        }

        function test_countdownRingTurnsRed() {
            const ring = createTemporaryObject(ringComponent, root, { secondsLeft: 10, totalSeconds: 15 })
            compare(findChild(ring, "secondsText").text, "10")
            compare(ring.ringColor, Theme.accent)
            fuzzyCompare(ring.fraction, 10 / 15, 1e-9)
            ring.secondsLeft = 3
            compare(ring.ringColor, Theme.danger)
        }

        function test_format() {
            compare(Format.distance(850), "850 m")
            compare(Format.distance(3400), "3.4 km")
            compare(Format.duration(30), "under a minute")
            compare(Format.duration(300), "5 min")
            verify(Format.money(12500, "IDR").indexOf("Rp") === 0)
            verify(Format.money(12500, "IDR").replace(/[^0-9]/g, "") === "12500")
            compare(Format.relative(Date.now() - 10 * 1000), "just now")
            compare(Format.relative(Date.now() - 5 * 60 * 1000), "5 min ago")
        }

        Component { id: signalSpyComponent; SignalSpy { } }
    }
}
