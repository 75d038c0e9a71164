// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import NebengJek.Components

// A place: one of the presets around Jakarta, or any latitude/longitude.
ColumnLayout {
    id: root

    property string label
    property color markerColor: Theme.pickup
    property int presetIndex: 0
    readonly property bool custom: combo.currentIndex === Places.all.length
    property real latitude: Places.all[presetIndex].lat
    property real longitude: Places.all[presetIndex].lng
    readonly property bool valid: !isNaN(latitude) && !isNaN(longitude)
                                  && latitude >= -90 && latitude <= 90
                                  && longitude >= -180 && longitude <= 180
    readonly property var point: ({ lat: latitude, lng: longitude })
    readonly property string placeName: custom ? "" : Places.all[combo.currentIndex].name

    function parse(text) {
        // Accept both "6.2" and the Indonesian "6,2".
        return Number(String(text).trim().replace(",", "."))
    }

    spacing: Theme.spacingXs

    RowLayout {
        spacing: Theme.spacingS
        Icon { name: "pin"; color: root.markerColor; Layout.preferredWidth: 18; Layout.preferredHeight: 18 }
        Label { text: root.label; font.bold: true; color: Theme.text }
    }
    ComboBox {
        id: combo
        objectName: "placeCombo"
        Layout.fillWidth: true
        model: {
            let names = Places.all.map(p => p.name)
            names.push(qsTr("Custom location…"))
            return names
        }
        currentIndex: root.presetIndex
        onActivated: index => {
            if (index < Places.all.length) {
                root.latitude = Places.all[index].lat
                root.longitude = Places.all[index].lng
            }
        }
    }
    RowLayout {
        spacing: Theme.spacingS
        Layout.fillWidth: true
        TextField {
            id: latField
            objectName: "latField"
            Layout.fillWidth: true
            placeholderText: qsTr("Latitude")
            text: Format.coordinate(root.latitude)
            enabled: root.custom
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            onEditingFinished: root.latitude = root.parse(text)
        }
        TextField {
            id: lngField
            objectName: "lngField"
            Layout.fillWidth: true
            placeholderText: qsTr("Longitude")
            text: Format.coordinate(root.longitude)
            enabled: root.custom
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            onEditingFinished: root.longitude = root.parse(text)
        }
    }
}
