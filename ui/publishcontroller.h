// Publish: asks first when tasks are missing, collects the done outputs on the engine
// thread and copies them into published/ on the thread pool. Its texts keep the window's
// translation context (MainWindow::tr).
#pragma once

#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace retake::ui {

class EngineController;
struct ProjectSession;

class PublishController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PublishController)
public:
    // Dialogs open on `window`, the parent.
    explicit PublishController(ProjectSession *session, EngineController *engine, QWidget *window);

    void publish();

Q_SIGNALS:
    void busyChanged();
    void published(bool ok, const QString &message);
    void logLine(const QString &line);
    void statusMessage(const QString &text);

private:
    void publishNow();
    QWidget *window() const;

    ProjectSession *m_session;
    EngineController *m_engine;
};

} // namespace retake::ui
