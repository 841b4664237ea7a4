// How domain values look: translated labels, palette-derived colours and tinted icons
// for task states, stages, error classes and rungs. Every switch ends in Q_UNREACHABLE()
// so a new enum value in the core is noticed here. Colours are mixed from the widget's
// palette so that dark themes keep their contrast; a state is never shown by colour
// alone (each has an icon and a word).
#pragma once

#include "domain/task.h"
#include "domain/types.h"
#include "statecategory.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QPalette>
#include <QPixmap>
#include <QString>

namespace retake::ui {

class StateStyle final
{
    Q_DECLARE_TR_FUNCTIONS(StateStyle)
public:
    StateStyle() = delete;

    static QString stateLabel(TaskState state);
    // The same, as short as possible: it shares a tile chip with the stage.
    static QString chipStateLabel(TaskState state);
    static QString categoryLabel(StateCategory category);
    static QString categoryToolTip(StateCategory category);
    static QString stageLabel(Stage stage);
    // Three letters for a tile chip.
    static QString stageShortLabel(Stage stage);
    static QString errorLabel(ErrorClass errorClass);
    static QString recommendedAction(ErrorClass errorClass);
    static QString rungLabel(RungKind rung);
    static QString qualityLabel(Quality quality);
    // What a tile chip says about a task, e.g. "retry in 4 s", "42 %", "failed".
    static QString chipText(const TaskSnapshot &task);
    // One sentence about a task for tooltips and accessibility.
    static QString describe(const TaskSnapshot &task);

    static bool isDark(const QPalette &palette);
    static QColor mix(const QColor &a, const QColor &b, double amountOfB);
    // The hue of a category, adapted to the palette's lightness. -1 = neutral grey.
    static QColor accent(int visualCategory, const QPalette &palette);
    static QColor chipFill(int visualCategory, const QPalette &palette);
    static QColor chipBorder(int visualCategory, const QPalette &palette);

    static QString iconName(const TaskSnapshot &task);
    static QString iconName(StateCategory category);
    // ":/icons/<name>.svg" rendered at `size` logical pixels in `color`, cached.
    static QPixmap tintedPixmap(const QString &name, const QColor &color, int size,
                                qreal devicePixelRatio);
    // A toolbar/menu icon in the palette's button text colour (and its disabled colour).
    static QIcon actionIcon(const QString &name, const QPalette &palette);
    static QIcon appIcon();
};

} // namespace retake::ui
