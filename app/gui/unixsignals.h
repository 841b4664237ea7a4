// SIGTERM, SIGINT and SIGHUP (logout, `kill`, Ctrl+C at a terminal) as a Qt signal on the
// GUI thread: the handler only writes the signal's number into a socket pair (the
// self-pipe trick), a QSocketNotifier reads it in the event loop. Wiring only: what the
// window does then is RunController::endSession().
#pragma once

#include <QObject>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

class UnixSignals final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnixSignals)
public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;

    // Installs the handlers; false (and nothing installed) when the socket pair fails.
    bool install();

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};
