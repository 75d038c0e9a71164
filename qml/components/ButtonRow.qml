// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Layouts

// Buttons side by side while their texts fit, else one under the other (phones, long
// translations, large fonts): no button is ever cut to "…". Children should fill the width.
GridLayout {
    id: root

    readonly property bool stacked: columns === 1
    // What the visible children need side by side.
    readonly property real sideBySideWidth: {
        let total = 0
        let count = 0
        for (let i = 0; i < children.length; ++i) {
            const child = children[i]
            if (!child.visible)
                continue
            total += child.implicitWidth
            ++count
        }
        return total + Math.max(0, count - 1) * columnSpacing
    }
    readonly property int visibleCount: {
        let count = 0
        for (let i = 0; i < children.length; ++i)
            if (children[i].visible)
                ++count
        return count
    }

    columnSpacing: Theme.spacingS
    rowSpacing: Theme.spacingS
    columns: width > 0 && sideBySideWidth > width ? 1 : Math.max(1, visibleCount)
}
