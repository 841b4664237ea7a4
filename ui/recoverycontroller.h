// Recovery of failed work: retry, retry all failed, retry at full quality, switch
// provider and edit prompt, and which of the selected shots' tasks each of them acts on.
// Its texts keep the window's translation context (MainWindow::tr).
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace retake::ui {

class EngineController;
class ShotListModel;
struct ProjectSession;

class RecoveryController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecoveryController)
public:
    // Dialogs open on `window`, the parent.
    explicit RecoveryController(ProjectSession *session, EngineController *engine,
                                const ShotListModel *model, QWidget *window);

    // The tasks of `shotIds` that Retry, Retry at full quality and Switch provider act on.
    QStringList retryableTaskIds(const QStringList &shotIds) const;
    QStringList degradedTaskIds(const QStringList &shotIds) const;
    QStringList switchableTaskIds(const QStringList &shotIds) const;
    // A failed task of `shotIds` was retried by hand too often to be retried again.
    bool anyLoopGuarded(const QStringList &shotIds) const;

    void retry(const QStringList &shotIds);
    void retryAtFullQuality(const QStringList &shotIds);
    void retryAllFailed();
    // Opens the switch-provider dialog for `taskIds` (empty: all failed tasks).
    void switchProvider(const QStringList &taskIds);
    void editPrompt(const QString &shotId, const QString &reason = {});

Q_SIGNALS:
    // A prompt was changed in the storyboard: it must be opened again.
    void promptSaved();
    void logLine(const QString &line);

private:
    QWidget *window() const;

    ProjectSession *m_session;
    EngineController *m_engine;
    const ShotListModel *m_model;
};

} // namespace retake::ui
