// retake [FILE]: the desktop batch monitor. main() and wiring only.
#include "appsettings.h"
#include "languagesupport.h"
#include "mainwindow.h"
#include "preferences.h"
#include "runcontroller.h"
#include "statestyle.h"
#include "unixsignals.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    // One settings file with the provider profiles (and retake-cli); the old one migrated.
    retake::ui::AppSettings::useSharedFile();
    QApplication::setApplicationDisplayName(u"Retake"_s);
    QApplication::setApplicationVersion(QStringLiteral(RETAKE_VERSION));
    QApplication::setDesktopFileName(u"io.github.retake.Retake"_s);
    QApplication::setWindowIcon(retake::ui::StateStyle::appIcon());
    // The system's language unless the preferences choose one.
    retake::ui::LanguageSupport::install(&app, retake::ui::Preferences::load().language);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Batch monitor for AI media generation."));
    parser.addHelpOption();
    // The program's name, not the application's ("Retake", the settings file's name).
    const QCommandLineOption versionOption(
        {u"v"_s, u"version"_s}, QApplication::translate("main", "Displays version information."));
    parser.addOption(versionOption);
    parser.addPositionalArgument(
        u"FILE"_s, QApplication::translate("main", "A storyboard (.retake.json) or CSV shot list."),
        u"[FILE]"_s);
    const QCommandLineOption runOption(
        u"run"_s, QApplication::translate("main", "Start the batch as soon as FILE is open."));
    parser.addOption(runOption);
    parser.process(app);
    if (parser.isSet(versionOption)) {
        std::fputs(qPrintable(u"retake %1\n"_s.arg(QApplication::applicationVersion())), stdout);
        return 0;
    }

    retake::ui::MainWindow window;
    // SIGTERM (logout, kill): pause and quit as the user would, state saved, report written.
    UnixSignals unixSignals;
    if (unixSignals.install())
        QObject::connect(&unixSignals, &UnixSignals::terminationRequested, window.runController(),
                         &retake::ui::RunController::endSession);
    window.show();
    if (!parser.positionalArguments().isEmpty()) {
        if (parser.isSet(runOption)) {
            QObject::connect(
                &window, &retake::ui::MainWindow::projectOpened, &window,
                [&window] { window.runBatch(); }, Qt::SingleShotConnection);
        }
        window.openFile(parser.positionalArguments().constFirst());
    }
    return app.exec();
}
