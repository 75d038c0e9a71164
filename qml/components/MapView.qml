// SPDX-License-Identifier: MIT
import QtQuick

// A schematic map: no tiles (no map provider or QtLocation is assumed), a street grid in real
// coordinates so movement reads right, the route as a line and markers as items. The view fits
// every marker and the route.
Item {
    id: root

    // [{lat, lng, kind: "pickup" | "destination" | "driver" | "self", label, heading}]
    property var markers: []
    // [{lat, lng}, ...]
    property var route: []
    property color routeColor: Theme.driver
    property string caption
    // Used when there is nothing to show: Monas, central Jakarta.
    property real defaultLat: -6.1754
    property real defaultLng: 106.8272
    // Labels sit to the right of markers and above pins: more room on those sides.
    readonly property real padLeft: 48
    readonly property real padRight: 160
    readonly property real padTop: 72
    readonly property real padBottom: 56
    readonly property real minMetersPerPixel: 4

    // The projection, recomputed whenever markers, route or size change.
    readonly property var view: fit(markers, route, width, height)

    function fit(markers, route, w, h) {
        let pts = []
        for (let i = 0; i < markers.length; ++i)
            if (markers[i] && markers[i].lat !== undefined) pts.push(markers[i])
        for (let j = 0; j < route.length; ++j)
            if (route[j] && route[j].lat !== undefined) pts.push(route[j])
        if (pts.length === 0)
            return { lat: defaultLat, lng: defaultLng, mpp: 8 }
        if (pts.length === 1)
            return { lat: pts[0].lat, lng: pts[0].lng, mpp: 6 }
        let minLat = 90, maxLat = -90, minLng = 180, maxLng = -180
        for (let k = 0; k < pts.length; ++k) {
            minLat = Math.min(minLat, pts[k].lat); maxLat = Math.max(maxLat, pts[k].lat)
            minLng = Math.min(minLng, pts[k].lng); maxLng = Math.max(maxLng, pts[k].lng)
        }
        const midLat = (minLat + maxLat) / 2
        const spanX = (maxLng - minLng) * Math.cos(midLat * Math.PI / 180) * 111320
        const spanY = (maxLat - minLat) * 110540
        const usableW = Math.max(1, w - padLeft - padRight)
        const usableH = Math.max(1, h - padTop - padBottom)
        const mpp = Math.max(minMetersPerPixel, spanX / usableW, spanY / usableH)
        // Centre the box inside the padded area, not the whole view.
        const shiftX = (padRight - padLeft) / 2 * mpp / (Math.cos(midLat * Math.PI / 180) * 111320)
        const shiftY = (padTop - padBottom) / 2 * mpp / 110540
        return { lat: midLat + shiftY, lng: (minLng + maxLng) / 2 + shiftX, mpp: mpp }
    }

    function toX(lng) {
        return width / 2 + (lng - view.lng) * Math.cos(view.lat * Math.PI / 180) * 111320 / view.mpp
    }
    function toY(lat) {
        return height / 2 - (lat - view.lat) * 110540 / view.mpp
    }
    function lngAt(x) {
        return view.lng + (x - width / 2) * view.mpp / (Math.cos(view.lat * Math.PI / 180) * 111320)
    }
    function latAt(y) {
        return view.lat - (y - height / 2) * view.mpp / 110540
    }

    clip: true
    onViewChanged: canvas.requestPaint()
    onRouteChanged: canvas.requestPaint()

    Canvas {
        id: canvas
        anchors.fill: parent
        renderTarget: Canvas.Image

        function gridStep(mpp) {
            // Streets every ~600 m when zoomed in, coarser when zoomed out (degrees).
            const metersPerStep = mpp < 6 ? 600 : (mpp < 20 ? 1500 : 4000)
            return metersPerStep / 111000
        }

        onPaint: {
            const ctx = getContext("2d")
            const w = width, h = height
            ctx.reset()
            ctx.fillStyle = Theme.mapLand
            ctx.fillRect(0, 0, w, h)

            // Jakarta Bay lies north of about 6.11 S.
            const coastY = root.toY(-6.112)
            if (coastY > 0) {
                ctx.fillStyle = Theme.mapWater
                ctx.fillRect(0, 0, w, Math.min(h, coastY))
            }
            // A park at Monas, for orientation.
            ctx.fillStyle = Theme.mapPark
            const px = root.toX(106.8272), py = root.toY(-6.1754)
            const parkSize = 450 / root.view.mpp
            ctx.fillRect(px - parkSize, py - parkSize, 2 * parkSize, 2 * parkSize)

            // Street grid aligned to real coordinates.
            const step = gridStep(root.view.mpp)
            const lat0 = root.latAt(h), lat1 = root.latAt(0)
            const lng0 = root.lngAt(0), lng1 = root.lngAt(w)
            for (let pass = 0; pass < 2; ++pass) {
                const major = pass === 1
                ctx.strokeStyle = major ? Theme.mapRoadMajor : Theme.mapRoad
                ctx.lineWidth = major ? 6 : 3
                ctx.beginPath()
                let i = 0
                for (let lat = Math.floor(lat0 / step) * step; lat <= lat1; lat += step, ++i) {
                    if ((Math.round(lat / step) % 4 === 0) !== major) continue
                    const y = root.toY(lat)
                    ctx.moveTo(0, y); ctx.lineTo(w, y)
                }
                for (let lng = Math.floor(lng0 / step) * step; lng <= lng1; lng += step) {
                    if ((Math.round(lng / step) % 4 === 0) !== major) continue
                    const x = root.toX(lng)
                    ctx.moveTo(x, 0); ctx.lineTo(x, h)
                }
                ctx.stroke()
            }

            // The route.
            if (root.route.length > 1) {
                ctx.strokeStyle = "white"
                ctx.lineWidth = 9
                ctx.lineJoin = "round"
                ctx.lineCap = "round"
                ctx.beginPath()
                ctx.moveTo(root.toX(root.route[0].lng), root.toY(root.route[0].lat))
                for (let r = 1; r < root.route.length; ++r)
                    ctx.lineTo(root.toX(root.route[r].lng), root.toY(root.route[r].lat))
                ctx.stroke()
                ctx.strokeStyle = root.routeColor
                ctx.lineWidth = 5
                ctx.stroke()
            }
        }
    }

    Repeater {
        model: root.markers
        delegate: Item {
            id: marker
            required property var modelData
            readonly property bool isVehicle: modelData.kind === "driver" || modelData.kind === "self"
            objectName: "marker_" + modelData.kind
            x: root.toX(modelData.lng)
            y: root.toY(modelData.lat)
            z: isVehicle ? 2 : 1

            Behavior on x { enabled: marker.isVehicle; NumberAnimation { duration: 900 } }
            Behavior on y { enabled: marker.isVehicle; NumberAnimation { duration: 900 } }

            // A vehicle: a blue disc with a white ring and a heading notch.
            Rectangle {
                visible: marker.isVehicle
                anchors.centerIn: parent
                width: 30; height: 30; radius: 15
                color: Qt.rgba(0.15, 0.39, 0.92, 0.18)
                Rectangle {
                    anchors.centerIn: parent
                    width: 18; height: 18; radius: 9
                    color: Theme.driver
                    border.color: "white"
                    border.width: 3
                }
            }
            // A place: a pin whose tip is at the point.
            Icon {
                visible: !marker.isVehicle
                name: "pin"
                color: marker.modelData.kind === "pickup" ? Theme.pickup : Theme.destination
                width: 30; height: 30
                x: -width / 2
                y: -height + 2
                lineWidth: 2
            }
            // Vehicles label to their right, places centred above the pin: a car at a pickup
            // does not cover the pickup's name.
            Rectangle {
                visible: (marker.modelData.label || "").length > 0
                x: marker.isVehicle ? 16 : -width / 2
                y: marker.isVehicle ? -12 : -30 - height
                width: labelText.implicitWidth + 12
                height: labelText.implicitHeight + 6
                radius: 4
                color: Qt.rgba(1, 1, 1, 0.92)
                border.color: Theme.border
                Text {
                    id: labelText
                    anchors.centerIn: parent
                    text: marker.modelData.label || ""
                    font.pixelSize: Theme.fontSmall
                    color: Theme.text
                }
            }
        }
    }

    // Scale bar
    Item {
        id: scaleBar
        readonly property real meters: {
            const target = root.view.mpp * 100
            const steps = [50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000]
            for (let i = 0; i < steps.length; ++i)
                if (steps[i] >= target) return steps[i]
            return 50000
        }
        anchors { left: parent.left; bottom: parent.bottom; margins: Theme.spacingM }
        width: meters / root.view.mpp
        height: 22
        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 3; color: Theme.text }
        Text {
            anchors { left: parent.left; bottom: parent.bottom; bottomMargin: 5 }
            text: scaleBar.meters >= 1000 ? (scaleBar.meters / 1000) + " km" : scaleBar.meters + " m"
            font.pixelSize: Theme.fontSmall
            color: Theme.text
        }
    }

    Rectangle {
        visible: root.caption.length > 0
        anchors { right: parent.right; bottom: parent.bottom; margins: Theme.spacingM }
        width: captionText.implicitWidth + 12
        height: captionText.implicitHeight + 6
        radius: 4
        color: Qt.rgba(1, 1, 1, 0.85)
        Text {
            id: captionText
            anchors.centerIn: parent
            text: root.caption
            font.pixelSize: 11
            color: Theme.textMuted
        }
    }
}
