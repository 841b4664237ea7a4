// Each error banner appears for its cause, offers the right recovery (and no plain Retry
// when retrying by hand keeps meeting the same error), does the real thing through the
// engine when pressed, and goes away with its cause. Scripted providers (FakeProvider)
// stand in for the storyboard's provider so every cause is certain.
#include "bannercoordinator.h"
#include "editpromptdialog.h"
#include "fakeprovider.h"
#include "reportdialog.h"
#include "switchproviderdialog.h"
#include "testprinters.h"
#include "tst_gui_fixture.h"

#include <QToolButton>

using namespace retake;
using namespace retake::ui;
using namespace retake::ui::test;
using namespace retake::test;
using namespace Qt::StringLiterals;

namespace {

QAction *actionNamed(MessageBanner *banner, const QString &name)
{
    for (QAction *action : banner->actions()) {
        if (action->objectName() == name)
            return action;
    }
    return nullptr;
}

QStringList actionNames(MessageBanner *banner)
{
    QStringList names;
    for (QAction *action : banner->actions())
        names << action->objectName();
    return names;
}

} // namespace

class TestGuiBanners : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void sameErrorThreeRetriesByHandStopsOfferingRetry();
    void contentPolicyOffersEditPrompt();
    void openBreakerOffersRetryNow();
    void rateLimitOffersPause();
    void failedBannerCountsSceneTasksAndViewsReport();

private:
    std::unique_ptr<GuiFixture> f;
};

void TestGuiBanners::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"RetakeTests"_s);
    QApplication::setApplicationName(u"tst_gui_banners"_s);
}

void TestGuiBanners::init()
{
    f = std::make_unique<GuiFixture>();
}

void TestGuiBanners::cleanup()
{
    f.reset();
}

void TestGuiBanners::sameErrorThreeRetriesByHandStopsOfferingRetry()
{
    // Given a provider that refuses a-1's image every time,
    f->window->engineController()->addSetup(
        fakes({u"studio"_s}, [](const GenerationRequest &request) {
            return request.taskId == u"a-1/image"_s && request.rung == RungKind::Primary
                       ? FakeOutcome(ErrorClass::InvalidRequest, std::nullopt, 400)
                       : FakeOutcome();
        }));
    f->openAndWait(writeStoryboard(*f->dir));
    f->runToEnd();
    QCOMPARE(f->window->shotModel()->task(u"a-1/image"_s).state, TaskState::Failed);
    QCOMPARE(f->window->shotModel()->task(u"a-1/video"_s).state, TaskState::Blocked);
    f->selectShot(u"a-1"_s);
    QAction *retry = f->window->action(MainWindow::Action::Retry);

    // when the user retries it by hand three times and it fails the same way,
    for (int round = 1; round <= 3; ++round) {
        QTRY_VERIFY(retry->isEnabled());
        QVERIFY(!f->banner(BannerCoordinator::loopGuardKey()));
        QSignalSpy finished(f->window.get(), &MainWindow::batchFinished);
        retry->trigger();
        QVERIFY(finished.wait(30000));
        QTRY_COMPARE(f->window->shotModel()->task(u"a-1/image"_s).manualRetries, round);
        QTRY_COMPARE(f->window->shotModel()->task(u"a-1/image"_s).state, TaskState::Failed);
    }

    // then Retry is off, and a banner proposes switching provider or editing the prompt.
    MessageBanner *guard = nullptr;
    QTRY_VERIFY((guard = f->banner(BannerCoordinator::loopGuardKey())));
    QCOMPARE(actionNames(guard),
             (QStringList{u"switchProviderLoopGuard"_s, u"editPromptLoopGuard"_s}));
    QVERIFY(!retry->isEnabled());
    QVERIFY(retry->toolTip().contains(u"switch provider"_s));
    // The failed banner no longer offers a plain retry either.
    MessageBanner *failed = f->banner(BannerCoordinator::failedKey());
    QVERIFY(failed);
    QVERIFY(!failed->actions().contains(f->window->action(MainWindow::Action::RetryAllFailed)));

    // Switching provider from that banner fixes it.
    QTest::mouseClick(guard->button(actionNamed(guard, u"switchProviderLoopGuard"_s)),
                      Qt::LeftButton);
    SwitchProviderDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<SwitchProviderDialog>(f->window.get())));
    QCOMPARE(dialog->selectedTaskIds(), QStringList{u"a-1/image"_s});
    dialog->setProviderId(u"local"_s);
    dialog->accept();
    QTRY_COMPARE(f->window->shotModel()->task(u"a-1/image"_s).state, TaskState::Done);
    QTRY_COMPARE(f->window->shotModel()->task(u"a-1/video"_s).state, TaskState::Done);
    QTRY_VERIFY(!f->banner(BannerCoordinator::loopGuardKey()));
    QTRY_VERIFY(!f->banner(BannerCoordinator::failedKey()));
}

void TestGuiBanners::contentPolicyOffersEditPrompt()
{
    // Every rung (the built-in fallback too) rejects a-2's prompt.
    f->window->engineController()->addSetup(
        fakes({u"studio"_s, u"local"_s}, [](const GenerationRequest &request) {
            return request.taskId == u"a-2/image"_s
                       ? FakeOutcome(ErrorClass::ContentPolicy, std::nullopt, 400)
                       : FakeOutcome();
        }));
    f->openAndWait(writeStoryboard(*f->dir));
    f->runToEnd();
    MessageBanner *policy = nullptr;
    QTRY_VERIFY((policy = f->banner(BannerCoordinator::contentPolicyKey())));
    QVERIFY(policy->text().contains(u"a-2"_s));
    QCOMPARE(actionNames(policy),
             (QStringList{u"editPromptContentPolicy"_s, u"switchProviderContentPolicy"_s}));
    QTest::mouseClick(policy->button(actionNamed(policy, u"editPromptContentPolicy"_s)),
                      Qt::LeftButton);
    EditPromptDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<EditPromptDialog>(f->window.get())));
    QCOMPARE(dialog->shotId(), u"a-2"_s);
    QCOMPARE(dialog->prompt(), u"a stormy sea"_s);
    QVERIFY(dialog->isEditable());
}

void TestGuiBanners::openBreakerOffersRetryNow()
{
    // Given a provider that is down (5xx) and a slow fallback, with a long cool-down,
    f->window->engineController()->addSetup([](Engine &engine) {
        EngineOptions options = engine.options();
        options.breaker.failureThreshold = 2;
        options.breaker.cooldownMs = 10 * 60 * 1000;
        engine.setOptions(options);
    });
    f->window->engineController()->addSetup(fakes({u"studio"_s}, [](const GenerationRequest &) {
        return FakeOutcome(ErrorClass::ProviderUnavailable, std::nullopt, 503);
    }));
    f->window->engineController()->addSetup(fakes(
        {u"local"_s}, [](const GenerationRequest &) { return FakeOutcome(); }, 60000));
    f->openAndWait(writeStoryboard(*f->dir));
    f->window->action(MainWindow::Action::Run)->trigger();

    // the breaker banner appears,
    MessageBanner *breaker = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((breaker = f->banner(BannerCoordinator::breakerKey(u"studio"_s))),
                             30000);
    QVERIFY(breaker->text().contains(u"studio"_s));
    QCOMPARE(actionNames(breaker),
             (QStringList{u"switchProviderFrom-studio"_s, u"retryProviderNow-studio"_s}));
    // and Retry now closes the breaker in the engine.
    QTest::mouseClick(breaker->button(actionNamed(breaker, u"retryProviderNow-studio"_s)),
                      Qt::LeftButton);
    QTRY_VERIFY(!f->banner(BannerCoordinator::breakerKey(u"studio"_s)));
    bool closed = false;
    f->window->engineController()->query<bool>(
        [](const Engine &engine) {
            for (const ProviderStatus &p : engine.providerStatuses()) {
                if (p.id == u"studio"_s)
                    return p.breaker != ProviderStatus::Breaker::Open;
            }
            return false;
        },
        this, [&closed](const bool &value) { closed = value; });
    QTRY_VERIFY(closed);
}

void TestGuiBanners::rateLimitOffersPause()
{
    f->window->engineController()->addSetup([](Engine &engine) {
        EngineOptions options = engine.options();
        options.retry.maxDelayMs = 60000;
        engine.setOptions(options);
    });
    // a-1's image is rate-limited with a long Retry-After.
    f->window->engineController()->addSetup(
        fakes({u"studio"_s}, [](const GenerationRequest &request) {
            return request.taskId == u"a-1/image"_s
                       ? FakeOutcome(ErrorClass::RateLimited, 30000, 429)
                       : FakeOutcome();
        }));
    f->openAndWait(writeStoryboard(*f->dir));
    f->window->action(MainWindow::Action::Run)->trigger();
    MessageBanner *limited = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((limited = f->banner(BannerCoordinator::rateLimitedKey())), 30000);
    QVERIFY(limited->text().contains(u"studio"_s));
    QAction *pause = f->window->action(MainWindow::Action::Pause);
    QVERIFY(limited->actions().contains(pause));
    QTest::mouseClick(limited->button(pause), Qt::LeftButton);
    QTRY_VERIFY(f->window->summary().paused);
    QCOMPARE(f->window->action(MainWindow::Action::Run)->text(), u"&Resume"_s);
}

void TestGuiBanners::failedBannerCountsSceneTasksAndViewsReport()
{
    // Given an assembled storyboard whose scene cut fails for good (shots all succeed),
    QFile source(writeStoryboard(*f->dir));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(source.readAll()).object();
    source.close();
    root.insert(u"assemble"_s, true);
    const QString board = f->dir->filePath(u"assembled.retake.json"_s);
    QFile out(board);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(root).toJson());
    out.close();
    f->window->engineController()->addSetup(
        fakes({u"studio"_s, u"local"_s}, [](const GenerationRequest &request) {
            return request.taskId == u"a/assemble"_s
                       ? FakeOutcome(ErrorClass::InvalidRequest, std::nullopt, 400)
                       : FakeOutcome();
        }));
    f->openAndWait(board);
    f->runToEnd();
    QCOMPARE(f->window->shotModel()->task(u"a/assemble"_s).state, TaskState::Failed);

    // the failed banner counts it, says what it is, and offers the report.
    MessageBanner *failed = nullptr;
    QTRY_VERIFY((failed = f->banner(BannerCoordinator::failedKey())));
    QVERIFY2(failed->text().startsWith(u"1 task(s) failed"_s), qPrintable(failed->text()));
    QVERIFY2(failed->text().contains(u"Scene and film tasks among them: a/assemble."_s),
             qPrintable(failed->text()));
    QCOMPARE(actionNames(failed), (QStringList{u"actionRetryAllFailed"_s,
                                               u"switchProviderForFailed"_s, u"viewReport"_s}));
    grabIfAsked(failed, u"failed-banner"_s);
    QSignalSpy shown(f->window.get(), &MainWindow::reportShown);
    QTest::mouseClick(failed->button(actionNamed(failed, u"viewReport"_s)), Qt::LeftButton);
    QVERIFY(shown.wait(20000));
    ReportDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<ReportDialog>(f->window.get())));
    QVERIFY(dialog->text().contains(u"a/assemble"_s));
}

QTEST_MAIN(TestGuiBanners)
#include "tst_gui_banners.moc"
