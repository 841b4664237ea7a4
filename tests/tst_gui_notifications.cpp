// Notifications that reach the desktop, through a real D-Bus: the suite starts its own
// session bus (dbus-daemon) before QApplication and serves a fake
// org.freedesktop.Notifications on a second connection of its own. A batch that ends or
// needs the user while the window is minimized calls Notify (summary, body, "default"
// action, hints); ActionInvoked raises the window on the item. Nothing is sent while the
// user looks at the window or when Preferences turns it off; without the service the next
// transport (the tray) is used.
#include "desktopnotifier.h"
#include "languagesupport.h"
#include "notificationtransport.h"
#include "preferencesdialog.h"
#include "privatesessionbus.h"
#include "tst_gui_fixture.h"

#include <QCheckBox>
#include <QDBusConnection>
#include <QDBusConnectionInterface>

#include <optional>

using namespace retake;
using namespace retake::ui;
using namespace retake::ui::test;
using namespace retake::test;
using namespace Qt::StringLiterals;

namespace {

const QString kService = u"org.freedesktop.Notifications"_s;
const QString kPath = u"/org/freedesktop/Notifications"_s;

// A notification server as a desktop has one, on its own connection to the private bus.
class FakeNotificationServer final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Call {
        QString appName;
        uint replacesId = 0;
        QString appIcon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int expireTimeout = 0;
        uint id = 0;
    };
    QList<Call> calls;

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon,
                const QString &summary, const QString &body, const QStringList &actions,
                const QVariantMap &hints, int expireTimeout)
    {
        const uint id = replacesId ? replacesId : ++m_lastId;
        calls << Call{appName, replacesId, appIcon,       summary, body,
                      actions, hints,      expireTimeout, id};
        return id;
    }
    void CloseNotification(uint id) { Q_EMIT NotificationClosed(id, 3); }
    QStringList GetCapabilities() { return {u"actions"_s, u"body"_s}; }

Q_SIGNALS:
    void ActionInvoked(uint id, const QString &actionKey);
    void NotificationClosed(uint id, uint reason);

private:
    uint m_lastId = 0;
};

// A transport that tests choose available or not.
class RecordingTransport final : public NotificationTransport
{
    Q_OBJECT
public:
    explicit RecordingTransport(bool available) : m_available(available) {}
    bool isAvailable() const override { return m_available; }
    void show(int key, const QString &title, const QString &, bool) override
    {
        keys << key;
        titles << title;
    }
    QList<int> keys;
    QStringList titles;

private:
    bool m_available;
};

PrivateSessionBus *g_bus = nullptr;

} // namespace

class TestGuiNotifications : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void failedTasksNotifyAndAClickSelectsTheTask();
    void finishedBatchNotifiesAndAClickShowsTheReport();
    void diskFullNotifiesOnceAndAClickRaisesTheWindow();
    void nothingWhileTheUserLooksOrWhenSwitchedOff();
    void withoutTheServiceTheNextTransportShowsIt();

private:
    void minimize();
    void retryAllFailed();
    FakeNotificationServer::Call waitForCall(int count);

    std::unique_ptr<GuiFixture> f;
    FakeNotificationServer m_server;
    std::optional<QDBusConnection> m_serverBus;
};

void TestGuiNotifications::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"RetakeTests"_s);
    QApplication::setApplicationName(u"tst_gui_notifications"_s);
    QGuiApplication::setDesktopFileName(u"io.github.retake.Retake"_s);
    LanguageSupport::install(qApp, u"en"_s); // English plural forms, as the window has
    if (!g_bus->isRunning())
        QSKIP(qPrintable(u"No private session bus: "_s + g_bus->error()));
    QVERIFY(QDBusConnection::sessionBus().isConnected());
    m_serverBus = QDBusConnection::connectToBus(g_bus->address(), u"fakeNotificationServer"_s);
    QVERIFY(m_serverBus->isConnected());
    QVERIFY(m_serverBus->registerObject(
        kPath, &m_server, QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals));
    QVERIFY(m_serverBus->registerService(kService));
}

void TestGuiNotifications::init()
{
    m_server.calls.clear();
    f = std::make_unique<GuiFixture>(/*desktopNotifications=*/true);
}

void TestGuiNotifications::cleanup()
{
    f.reset();
}

void TestGuiNotifications::minimize()
{
    // The user looks elsewhere: the window is minimized.
    f->window->showMinimized();
    QTRY_VERIFY(f->window->isMinimized());
    QVERIFY(!f->window->desktopNotifier()->isUserLooking());
}

void TestGuiNotifications::retryAllFailed()
{
    QSignalSpy finished(f->window.get(), &MainWindow::batchFinished);
    f->window->action(MainWindow::Action::RetryAllFailed)->trigger();
    QVERIFY(finished.wait(kRunTimeoutMs));
}

// The `count`th Notify call, once it arrived (an empty call when it did not: the QTRY
// failure is reported).
FakeNotificationServer::Call TestGuiNotifications::waitForCall(int count)
{
    [&] { QTRY_COMPARE(m_server.calls.size(), count); }();
    return m_server.calls.size() >= count ? m_server.calls.at(count - 1)
                                          : FakeNotificationServer::Call{};
}

void TestGuiNotifications::failedTasksNotifyAndAClickSelectsTheTask()
{
    // Given a provider that refuses a-2's image,
    f->window->engineController()->addSetup(
        fakes({u"studio"_s}, [](const GenerationRequest &request) {
            return request.taskId == u"a-2/image"_s && request.rung == RungKind::Primary
                       ? FakeOutcome(ErrorClass::InvalidRequest, std::nullopt, 400)
                       : FakeOutcome();
        }));
    f->openAndWait(writeStoryboard(*f->dir));
    f->selectShot(u"a-1"_s);
    minimize();

    // when the batch ends while the window is minimized,
    f->runToEnd();
    QCOMPARE(f->window->shotModel()->task(u"a-2/image"_s).state, TaskState::Failed);

    // the notification server is asked to show what failed, with a default action,
    const FakeNotificationServer::Call call = waitForCall(1);
    QCOMPARE(call.summary, u"Banners: 2 tasks failed"_s);
    QCOMPARE(call.body, u"a-2 (Image) failed: invalid request. 1 task waits for it. Click to "
                        "select it; retry it or run it on another provider."_s);
    QCOMPARE(call.actions, (QStringList{u"default"_s, u"Show in Retake"_s}));
    QCOMPARE(call.hints.value(u"desktop-entry"_s).toString(), u"io.github.retake.Retake"_s);
    QCOMPARE(call.hints.value(u"urgency"_s).toInt(), 2);
    QCOMPARE(call.appIcon, u"io.github.retake.Retake"_s);
    QCOMPARE(call.replacesId, 0u);
    QCOMPARE(call.expireTimeout, -1);

    // and a click on it brings the window back with the failed shot selected.
    Q_EMIT m_server.ActionInvoked(call.id, u"default"_s);
    QTRY_COMPARE(f->window->gridView()->currentShotId(), u"a-2"_s);
    QTRY_VERIFY(!f->window->isMinimized());
    QTRY_VERIFY(f->window->isActiveWindow());
    grabIfAsked(f->window.get(), u"notification-clicked"_s);

    // The next one replaces it on the desktop (no pile of them),
    minimize();
    retryAllFailed();
    const FakeNotificationServer::Call again = waitForCall(2);
    QCOMPARE(again.replacesId, call.id);
    // unless the user closed it: then a late click on it is void and the next one is new.
    Q_EMIT m_server.NotificationClosed(again.id, 2);
    Q_EMIT m_server.ActionInvoked(again.id, u"default"_s);
    f->selectShot(u"a-1"_s);
    minimize();
    retryAllFailed();
    QCOMPARE(waitForCall(3).replacesId, 0u);
    QCOMPARE(f->window->gridView()->currentShotId(), u"a-1"_s);
    QVERIFY(f->window->isMinimized());
}

void TestGuiNotifications::finishedBatchNotifiesAndAClickShowsTheReport()
{
    f->window->engineController()->addSetup(
        fakes({u"studio"_s}, [](const GenerationRequest &) { return FakeOutcome(); }));
    f->openAndWait(writeStoryboard(*f->dir));
    minimize();
    f->runToEnd();

    const FakeNotificationServer::Call call = waitForCall(1);
    QCOMPARE(call.summary, u"Banners: batch finished"_s);
    QCOMPARE(call.body, u"All 6 tasks are done. Click to see the job report."_s);
    QCOMPARE(call.hints.value(u"urgency"_s).toInt(), 1);

    // An action other than the default one (a server's own button) does nothing,
    QSignalSpy shown(f->window.get(), &MainWindow::reportShown);
    Q_EMIT m_server.ActionInvoked(call.id, u"other"_s);
    Q_EMIT m_server.ActionInvoked(call.id + 100, u"default"_s); // nor another program's
    // the default action opens the job report in the window.
    Q_EMIT m_server.ActionInvoked(call.id, u"default"_s);
    QVERIFY(shown.wait(30000));
    QCOMPARE(shown.size(), 1);
    QTRY_VERIFY(!f->window->isMinimized());
}

void TestGuiNotifications::diskFullNotifiesOnceAndAClickRaisesTheWindow()
{
    f->window->engineController()->addSetup(
        fakes({u"studio"_s}, [](const GenerationRequest &) { return FakeOutcome(); }));
    f->openAndWait(writeStoryboard(*f->dir));
    minimize();
    QSignalSpy notified(f->window->desktopNotifier(), &DesktopNotifier::notified);
    // Given a disk below the reserve, the batch pauses at once,
    f->freeSpace->store(10ll * 1024 * 1024);
    f->window->action(MainWindow::Action::Run)->trigger();
    QTRY_COMPARE(f->window->summary().pauseReason, PauseReason::DiskFull);

    // and the desktop is told once, however often the engine reports the pause.
    const FakeNotificationServer::Call call = waitForCall(1);
    QCOMPARE(call.summary, u"Banners: disk full, batch paused"_s);
    QVERIFY(call.body.contains(u"Free some space"_s));
    QCOMPARE(notified.size(), 1);

    Q_EMIT m_server.ActionInvoked(call.id, u"default"_s);
    QTRY_VERIFY(!f->window->isMinimized());
    QTRY_VERIFY(f->window->isActiveWindow());

    // Space returns: the batch finishes. The user looks at the window: nothing more is sent.
    QSignalSpy finished(f->window.get(), &MainWindow::batchFinished);
    f->freeSpace->store(qint64(1) << 40);
    QVERIFY(finished.wait(kRunTimeoutMs));
    QCOMPARE(notified.size(), 1);
}

void TestGuiNotifications::nothingWhileTheUserLooksOrWhenSwitchedOff()
{
    f->window->engineController()->addSetup(
        fakes({u"studio"_s}, [](const GenerationRequest &request) {
            return request.taskId == u"a-1/image"_s
                       ? FakeOutcome(ErrorClass::InvalidRequest, std::nullopt, 400)
                       : FakeOutcome();
        }));
    f->openAndWait(writeStoryboard(*f->dir));
    QSignalSpy notified(f->window->desktopNotifier(), &DesktopNotifier::notified);

    // The user looks at the window (active, not minimized): its banners tell, not the desktop.
    f->window->activateWindow();
    QTRY_VERIFY(f->window->isActiveWindow());
    QVERIFY(f->window->desktopNotifier()->isUserLooking());
    f->runToEnd();
    QCOMPARE(notified.size(), 0);

    // Preferences turns notifications off (saved in the one settings file).
    f->window->action(MainWindow::Action::Preferences)->trigger();
    PreferencesDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<PreferencesDialog>(f->window.get())));
    auto *box = dialog->findChild<QCheckBox *>(u"desktopNotifications"_s);
    QVERIFY(box);
    QVERIFY(box->isChecked());
    box->setChecked(false);
    grabIfAsked(dialog, u"preferences-notifications"_s);
    dialog->accept();
    QCOMPARE(QSettings().value(u"preferences/desktopNotifications"_s).toBool(), false);

    // Then even a minimized window's failed retry tells nothing.
    minimize();
    retryAllFailed();
    QCOMPARE(f->window->shotModel()->task(u"a-1/image"_s).state, TaskState::Failed);
    QCOMPARE(notified.size(), 0);
    QCOMPARE(m_server.calls.size(), 0);
}

void TestGuiNotifications::withoutTheServiceTheNextTransportShowsIt()
{
    DBusNotificationTransport dbus;
    QVERIFY(dbus.isAvailable());
    QVERIFY(m_serverBus->unregisterService(kService));
    QTRY_VERIFY(!dbus.isAvailable());

    // The window's own transports: D-Bus (gone now), then a tray standing in for the real
    // one (there is none offscreen).
    f->window->engineController()->addSetup(
        fakes({u"studio"_s}, [](const GenerationRequest &) { return FakeOutcome(); }));
    f->openAndWait(writeStoryboard(*f->dir));
    auto *unavailable = new RecordingTransport(false);
    auto *tray = new RecordingTransport(true);
    f->window->desktopNotifier()->setTransports({new DBusNotificationTransport, unavailable, tray});
    minimize();
    f->runToEnd();
    QVERIFY(m_serverBus->registerService(kService));
    QCOMPARE(tray->titles, QStringList{u"Banners: batch finished"_s});
    QVERIFY(unavailable->keys.isEmpty());
    QCOMPARE(m_server.calls.size(), 0);

    // Its click (QSystemTrayIcon::messageClicked) leads to the report like the D-Bus one.
    QSignalSpy shown(f->window.get(), &MainWindow::reportShown);
    Q_EMIT tray->clicked(tray->keys.constFirst());
    QVERIFY(shown.wait(30000));
}

int main(int argc, char **argv)
{
    // Before QApplication: the platform and QDBusConnection::sessionBus() read the address.
    PrivateSessionBus bus;
    g_bus = &bus;
    QApplication app(argc, argv);
    TestGuiNotifications test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_gui_notifications.moc"
