// SPDX-License-Identifier: MIT
pragma Singleton
import QtQuick

// Preset places around Jakarta for the ride request form (names are proper nouns: not
// translated).
QtObject {
    readonly property var all: [
        { name: "Monas", lat: -6.1754, lng: 106.8272 },
        { name: "Stasiun Gambir", lat: -6.1767, lng: 106.8306 },
        { name: "Bundaran HI", lat: -6.1950, lng: 106.8230 },
        { name: "Grand Indonesia", lat: -6.1951, lng: 106.8205 },
        { name: "Stasiun Manggarai", lat: -6.2099, lng: 106.8502 },
        { name: "Senayan (GBK)", lat: -6.2183, lng: 106.8016 },
        { name: "Kuningan City", lat: -6.2244, lng: 106.8296 },
        { name: "Plaza Senayan", lat: -6.2254, lng: 106.7995 },
        { name: "Blok M", lat: -6.2443, lng: 106.7984 },
        { name: "Kemang", lat: -6.2607, lng: 106.8137 },
        { name: "Kota Tua", lat: -6.1352, lng: 106.8133 },
        { name: "Pasar Baru", lat: -6.1620, lng: 106.8350 },
        { name: "Ancol", lat: -6.1251, lng: 106.8420 }
    ]

    // The preset at (lat, lng), or "" (to label map markers).
    function nameAt(lat, lng) {
        for (let i = 0; i < all.length; ++i) {
            if (Math.abs(all[i].lat - lat) < 0.0005 && Math.abs(all[i].lng - lng) < 0.0005)
                return all[i].name
        }
        return ""
    }
}
