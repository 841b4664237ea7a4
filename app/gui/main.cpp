// retake [FILE]: the desktop batch monitor. main() and wiring only.
#include "languagesupport.h"
#include "mainwindow.h"
#include "preferences.h"
#include "statestyle.h"

#include <QApplication>
#include <QCommandLineParser>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Retake"_s);
    QApplication::setApplicationName(u"retake"_s);
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
    parser.addVersionOption();
    parser.addPositionalArgument(
        u"FILE"_s, QApplication::translate("main", "A storyboard (.retake.json) or CSV shot list."),
        u"[FILE]"_s);
    const QCommandLineOption runOption(
        u"run"_s, QApplication::translate("main", "Start the batch as soon as FILE is open."));
    parser.addOption(runOption);
    parser.process(app);

    retake::ui::MainWindow window;
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
