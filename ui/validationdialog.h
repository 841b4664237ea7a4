// Lists every problem found in a storyboard that could not be opened, with its location,
// so the user can fix them all in one go.
#pragma once

#include "project/storyboardloader.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QTreeWidget;
QT_END_NAMESPACE

namespace retake::ui {

class ValidationDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ValidationDialog)
public:
    ValidationDialog(const QString &path, const QList<ValidationIssue> &issues,
                     QWidget *parent = nullptr);

    int issueCount() const;

private:
    QTreeWidget *m_list;
};

} // namespace retake::ui
