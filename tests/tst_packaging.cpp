// The Debian package as a user installs it: cpack builds the .deb from this build tree into a
// temporary folder, dpkg-deb unpacks it into a temporary root, the desktop, AppStream, MIME
// and man files pass their validators, and the unpacked retake-cli runs the installed demo.
// Checks whose tool is missing (dpkg-deb, a validator) are skipped with the package to install.
#include "util/datapaths.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeDatabase>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

#if !defined(RETAKE_CPACK_CONFIG) || !defined(RETAKE_PACKAGE_VERSION)
#error "tst_packaging needs the definitions that packaging/CMakeLists.txt adds"
#endif

namespace {

struct ProcessResult {
    bool started = false;
    bool finished = false;
    int exitCode = -1;
    QString out;
    QString err;

    bool ok() const { return started && finished && exitCode == 0; }
    QString describe() const
    {
        if (!started)
            return u"did not start"_s;
        if (!finished)
            return u"did not finish in time"_s;
        return u"exit code %1\n--- stdout:\n%2\n--- stderr:\n%3"_s.arg(exitCode).arg(out, err);
    }
};

ProcessResult runProcess(const QString &program, const QStringList &args,
                         const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                         const QString &workingDirectory = QString(), int timeoutMs = 120000)
{
    QProcess process;
    process.setProcessEnvironment(env);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, args);
    ProcessResult result;
    result.started = process.waitForStarted(30000);
    if (!result.started)
        return result;
    result.finished = process.waitForFinished(timeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString readTextFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// The lines of a validator's output that are errors or warnings (hints and infos pass).
QStringList problemLines(const QString &output)
{
    QStringList problems;
    for (const QString &line : output.split(u'\n', Qt::SkipEmptyParts)) {
        if (line.contains(u"error"_s, Qt::CaseInsensitive) ||
            line.contains(u"warning"_s, Qt::CaseInsensitive))
            problems << line;
    }
    return problems;
}

} // namespace

// QSKIP returns from the test function, so this is a macro and not a helper.
#define REQUIRE_PACKAGE()                                                                          \
    do {                                                                                           \
        if (m_debPath.isEmpty())                                                                   \
            QSKIP(qPrintable(m_packageError));                                                     \
    } while (false)

class TestPackaging : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void dataDirectoryInBuildTree();
    void dataDirectoryOverride();

    void controlFields();
    void installedLayout_data();
    void installedLayout();
    void installedDataFoundFromBinDirectory();
    void noBuildTreePathsInstalled();
    void desktopFileValidates();
    void metainfoValidates();
    void mimeTypeRegisters();
    void manPagesFormatCleanly_data();
    void manPagesFormatCleanly();
    void changelogAndMetainfoMatchVersion();
    void programsPrintVersion_data();
    void programsPrintVersion();
    void cliRunsInstalledDemo();

private:
    QString rootPath(const QString &relative) const { return m_root.filePath(relative); }
    bool hasGui() const { return QFileInfo::exists(rootPath(u"usr/bin/retake"_s)); }
    QProcessEnvironment unpackedEnvironment() const;

    QTemporaryDir m_work;
    QDir m_root;
    QString m_debPath;
    QString m_packageError; // why there is no unpacked package: the tests that need one skip
};

void TestPackaging::initTestCase()
{
    QVERIFY2(m_work.isValid(), qPrintable(m_work.errorString()));
    m_root.setPath(m_work.filePath(u"root"_s));

    // Given a build tree, when cpack builds the Debian package into a temporary folder
    for (const QString &tool : {u"dpkg-deb"_s, u"dpkg-shlibdeps"_s, u"file"_s}) {
        if (QStandardPaths::findExecutable(tool).isEmpty()) {
            m_packageError = u"%1 not found: install dpkg-dev and file (scripts/install-deps.sh) "
                             u"to build and check the Debian package"_s.arg(tool);
            return;
        }
    }
    const QString cpack = QStringLiteral(RETAKE_CPACK_COMMAND);
    if (!QFileInfo(cpack).isExecutable()) {
        m_packageError = u"cpack not found at %1"_s.arg(cpack);
        return;
    }
    const QString output = m_work.filePath(u"deb"_s);
    const ProcessResult packed = runProcess(
        cpack,
        {u"-G"_s, u"DEB"_s, u"--config"_s, QStringLiteral(RETAKE_CPACK_CONFIG), u"-B"_s, output},
        QProcessEnvironment::systemEnvironment(), QString(), 300000);
    QVERIFY2(packed.ok(), qPrintable(u"cpack failed: "_s + packed.describe()));
    const QStringList debs = QDir(output).entryList({u"*.deb"_s}, QDir::Files);
    QCOMPARE(debs.size(), 1);
    QVERIFY2(debs.first().startsWith(u"retake_%1_"_s.arg(QStringLiteral(RETAKE_PACKAGE_VERSION))),
             qPrintable(debs.first()));
    m_debPath = QDir(output).filePath(debs.first());

    // and dpkg-deb unpacks it into a temporary root
    const ProcessResult unpacked =
        runProcess(u"dpkg-deb"_s, {u"-x"_s, m_debPath, m_root.absolutePath()});
    QVERIFY2(unpacked.ok(), qPrintable(u"dpkg-deb -x failed: "_s + unpacked.describe()));
}

QProcessEnvironment TestPackaging::unpackedEnvironment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString libs = rootPath(u"usr/lib"_s) + u':' + rootPath(u"usr/lib/x86_64-linux-gnu"_s);
    const QString current = env.value(u"LD_LIBRARY_PATH"_s);
    env.insert(u"LD_LIBRARY_PATH"_s, current.isEmpty() ? libs : libs + u':' + current);
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.remove(u"RETAKE_DATA_DIR"_s);
    return env;
}

void TestPackaging::dataDirectoryInBuildTree()
{
    // The build tree mirrors the install: build/tests/../share/retake holds the demo.
    const QString staged = QDir(QStringLiteral(RETAKE_BINARY_DIR)).filePath(u"share/retake"_s);
    QCOMPARE(retake::dataDirectory(), QDir::cleanPath(staged));
    QVERIFY(!retake::dataDirectory(retake::DataFolder::Schema).isEmpty());
    const QString demo = retake::demoStoryboardPath();
    QVERIFY2(QFileInfo(demo).isFile(), qPrintable(demo));
}

void TestPackaging::dataDirectoryOverride()
{
    QTemporaryDir data;
    QVERIFY(QDir(data.path()).mkpath(u"examples"_s));
    const QByteArray saved = qgetenv("RETAKE_DATA_DIR");
    qputenv("RETAKE_DATA_DIR", QFile::encodeName(data.path()));
    const QString examples = retake::dataDirectory(retake::DataFolder::Examples);
    const QString translations = retake::dataDirectory(retake::DataFolder::Translations);
    if (saved.isNull())
        qunsetenv("RETAKE_DATA_DIR");
    else
        qputenv("RETAKE_DATA_DIR", saved);
    QCOMPARE(examples, QDir(data.path()).filePath(u"examples"_s));
    QVERIFY(translations.isEmpty()); // a missing folder is reported as empty
}

void TestPackaging::controlFields()
{
    REQUIRE_PACKAGE();
    auto field = [this](const QString &name) {
        return runProcess(u"dpkg-deb"_s, {u"-f"_s, m_debPath, name}).out.trimmed();
    };
    QCOMPARE(field(u"Package"_s), u"retake"_s);
    QCOMPARE(field(u"Version"_s), QStringLiteral(RETAKE_PACKAGE_VERSION));
    QCOMPARE(field(u"Section"_s), u"graphics"_s);
    QVERIFY(field(u"Maintainer"_s).contains(u'@'));
    QVERIFY(!field(u"Homepage"_s).isEmpty());
    const QString arch = runProcess(u"dpkg"_s, {u"--print-architecture"_s}).out.trimmed();
    if (!arch.isEmpty())
        QCOMPARE(field(u"Architecture"_s), arch);

    // Depends: the runtime tools by hand, the libraries computed by dpkg-shlibdeps.
    const QString depends = field(u"Depends"_s);
    qInfo("Depends: %s", qPrintable(depends));
    QStringList names;
    for (const QString &item : depends.split(u',', Qt::SkipEmptyParts))
        names << item.trimmed().section(u' ', 0, 0);
    for (const QString &expected : {u"ffmpeg"_s, u"espeak-ng"_s, u"libqt6sql6-sqlite"_s,
                                    u"libqt6core6"_s, u"libc6"_s, u"libstdc++6"_s}) {
        QVERIFY2(names.contains(expected), qPrintable(expected + u" not in: "_s + depends));
    }
    QVERIFY2(QRegularExpression(u"libqt6core6 \\(>= [0-9.]+\\)"_s).match(depends).hasMatch(),
             qPrintable(u"no versioned libqt6core6: "_s + depends));
}

void TestPackaging::installedLayout_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("guiOnly");
    const QString app = QStringLiteral(RETAKE_APP_ID);
    QTest::newRow("cli") << u"usr/bin/retake-cli"_s << false;
    QTest::newRow("gui") << u"usr/bin/retake"_s << true;
    QTest::newRow("demo") << u"usr/share/retake/examples/demo.retake.json"_s << false;
    QTest::newRow("schema") << u"usr/share/retake/schema/retake-project-1.schema.json"_s << false;
    QTest::newRow("desktop") << u"usr/share/applications/%1.desktop"_s.arg(app) << true;
    QTest::newRow("metainfo") << u"usr/share/metainfo/%1.metainfo.xml"_s.arg(app) << true;
    QTest::newRow("svg icon") << u"usr/share/icons/hicolor/scalable/apps/%1.svg"_s.arg(app) << true;
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
        QTest::addRow("%dpx icon", size)
            << u"usr/share/icons/hicolor/%1x%1/apps/%2.png"_s.arg(size).arg(app) << true;
    }
    QTest::newRow("mime") << u"usr/share/mime/packages/retake.xml"_s << false;
    QTest::newRow("cli man") << u"usr/share/man/man1/retake-cli.1.gz"_s << false;
    QTest::newRow("gui man") << u"usr/share/man/man1/retake.1.gz"_s << true;
    QTest::newRow("copyright") << u"usr/share/doc/retake/copyright"_s << false;
    QTest::newRow("changelog") << u"usr/share/doc/retake/changelog.gz"_s << false;
}

void TestPackaging::installedLayout()
{
    REQUIRE_PACKAGE();
    QFETCH(QString, path);
    QFETCH(bool, guiOnly);
    if (guiOnly && !hasGui())
        QSKIP("built with RETAKE_BUILD_GUI=OFF: no desktop application in the package");
    const QFileInfo info(rootPath(path));
    QVERIFY2(info.isFile(), qPrintable(path + u" is not in the package"_s));
    QVERIFY2(info.size() > 0, qPrintable(path + u" is empty"_s));
    if (path.startsWith(u"usr/bin/"_s))
        QVERIFY(info.isExecutable());
    if (path.endsWith(u".png"_s)) {
        // The PNG sizes are what their folder says.
        QDir sizeFolder = info.dir(); // hicolor/<w>x<h>/apps
        sizeFolder.cdUp();
        QFile png(info.filePath());
        QVERIFY(png.open(QIODevice::ReadOnly));
        const QByteArray header = png.read(24);
        QVERIFY(header.startsWith("\x89PNG"));
        const auto be32 = [&header](int at) {
            return (uchar(header[at]) << 24) | (uchar(header[at + 1]) << 16) |
                   (uchar(header[at + 2]) << 8) | uchar(header[at + 3]);
        };
        QCOMPARE(u"%1x%2"_s.arg(be32(16)).arg(be32(20)), sizeFolder.dirName());
    }
}

void TestPackaging::installedDataFoundFromBinDirectory()
{
    REQUIRE_PACKAGE();
    // What an installed program computes from its own folder (core/util/datapaths.h).
    const QString found = retake::dataDirectoryForBinDirectory(rootPath(u"usr/bin"_s));
    QCOMPARE(found, QDir::cleanPath(rootPath(u"usr/share/retake"_s)));
    // The demo's "$schema" (../schema/...) resolves in the installed tree too.
    const QJsonObject demo =
        QJsonDocument::fromJson(readTextFile(found + u"/examples/demo.retake.json"_s).toUtf8())
            .object();
    const QString schema = demo.value(u"$schema"_s).toString();
    if (!schema.isEmpty())
        QVERIFY2(QFileInfo::exists(found + u"/examples/"_s + schema), qPrintable(schema));
}

void TestPackaging::noBuildTreePathsInstalled()
{
    REQUIRE_PACKAGE();
    // Text files must not mention the source or build tree at all. Programs may carry
    // source file names (assertions in debug builds) but never a data folder of either.
    const QByteArray source = QByteArrayLiteral(RETAKE_SOURCE_DIR);
    const QByteArray build = QByteArrayLiteral(RETAKE_BINARY_DIR);
    QDirIterator it(m_root.absolutePath(), QDir::Files, QDirIterator::Subdirectories);
    int checked = 0;
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const bool program = bytes.startsWith("\x7f"
                                              "ELF");
        const QList<QByteArray> needles =
            program ? QList<QByteArray>{source + "/resources", build + "/share"}
                    : QList<QByteArray>{source, build};
        for (const QByteArray &needle : needles) {
            QVERIFY2(!bytes.contains(needle),
                     qPrintable(file.fileName() + u" contains "_s + QString::fromUtf8(needle)));
        }
        ++checked;
    }
    QVERIFY(checked > 10);
}

void TestPackaging::desktopFileValidates()
{
    REQUIRE_PACKAGE();
    if (!hasGui())
        QSKIP("built with RETAKE_BUILD_GUI=OFF: no desktop file");
    if (QStandardPaths::findExecutable(u"desktop-file-validate"_s).isEmpty())
        QSKIP("desktop-file-validate not found: install desktop-file-utils");
    const QString desktop =
        rootPath(u"usr/share/applications/%1.desktop"_s.arg(QStringLiteral(RETAKE_APP_ID)));
    const ProcessResult result = runProcess(u"desktop-file-validate"_s, {desktop});
    QVERIFY2(result.ok(), qPrintable(result.describe()));
    const QStringList problems = problemLines(result.out + result.err);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

    // What it names is in the package: the program, the icon, the storyboard type.
    const QString text = readTextFile(desktop);
    const auto value = [&text](const QString &key) {
        const QRegularExpression re(u"^%1=(.*)$"_s.arg(key), QRegularExpression::MultilineOption);
        return re.match(text).captured(1).trimmed();
    };
    const QString program = value(u"Exec"_s).section(u' ', 0, 0);
    QVERIFY2(QFileInfo(rootPath(u"usr/bin/"_s + program)).isExecutable(), qPrintable(program));
    const QString icon = value(u"Icon"_s);
    QVERIFY(
        QFileInfo::exists(rootPath(u"usr/share/icons/hicolor/scalable/apps/%1.svg"_s.arg(icon))));
    QVERIFY(value(u"MimeType"_s).split(u';').contains(u"application/x-retake-project"_s));
}

void TestPackaging::metainfoValidates()
{
    REQUIRE_PACKAGE();
    if (!hasGui())
        QSKIP("built with RETAKE_BUILD_GUI=OFF: no AppStream metainfo");
    if (QStandardPaths::findExecutable(u"appstreamcli"_s).isEmpty())
        QSKIP("appstreamcli not found: install appstream");
    const QString metainfo =
        rootPath(u"usr/share/metainfo/%1.metainfo.xml"_s.arg(QStringLiteral(RETAKE_APP_ID)));
    const ProcessResult file =
        runProcess(u"appstreamcli"_s, {u"validate"_s, u"--no-net"_s, u"--explain"_s, metainfo});
    QVERIFY2(file.ok(), qPrintable(file.describe()));
    // The installed tree as a whole: metainfo, its launchable .desktop file, icons.
    const ProcessResult tree =
        runProcess(u"appstreamcli"_s, {u"validate-tree"_s, u"--no-net"_s, m_root.absolutePath()});
    QVERIFY2(tree.ok(), qPrintable(tree.describe()));
}

void TestPackaging::mimeTypeRegisters()
{
    REQUIRE_PACKAGE();
    if (QStandardPaths::findExecutable(u"update-mime-database"_s).isEmpty())
        QSKIP("update-mime-database not found: install shared-mime-info");
    // update-mime-database reports errors in the XML on stderr and still exits 0.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_DATA_DIRS"_s, rootPath(u"usr/share"_s) + u":/usr/share"_s);
    const QString mimeDir = rootPath(u"usr/share/mime"_s);
    const ProcessResult result = runProcess(u"update-mime-database"_s, {mimeDir}, env);
    QVERIFY2(result.ok(), qPrintable(result.describe()));
    const QString messages = result.out + result.err;
    QVERIFY2(!messages.contains(u"error"_s, Qt::CaseInsensitive), qPrintable(messages));
    QVERIFY2(readTextFile(mimeDir + u"/globs2"_s)
                 .contains(u"application/x-retake-project:*.retake.json"_s),
             "the *.retake.json glob is not registered");
    QVERIFY2(readTextFile(mimeDir + u"/subclasses"_s)
                 .contains(u"application/x-retake-project application/json"_s),
             "application/x-retake-project is not a sub-class of application/json");

    // What a file manager sees: Qt reads the same shared-mime-info database.
    qputenv("XDG_DATA_DIRS", QFile::encodeName(env.value(u"XDG_DATA_DIRS"_s)));
    const QMimeDatabase database;
    const QMimeType type =
        database.mimeTypeForFile(u"story.retake.json"_s, QMimeDatabase::MatchExtension);
    QCOMPARE(type.name(), u"application/x-retake-project"_s);
    QVERIFY(type.inherits(u"application/json"_s));
    QCOMPARE(database.mimeTypeForFile(u"plain.json"_s, QMimeDatabase::MatchExtension).name(),
             u"application/json"_s);
}

void TestPackaging::manPagesFormatCleanly_data()
{
    QTest::addColumn<QString>("page");
    QTest::newRow("retake-cli") << u"retake-cli"_s;
    QTest::newRow("retake") << u"retake"_s;
}

void TestPackaging::manPagesFormatCleanly()
{
    REQUIRE_PACKAGE();
    QFETCH(QString, page);
    if (page == u"retake"_s && !hasGui())
        QSKIP("built with RETAKE_BUILD_GUI=OFF: no retake(1)");
    if (QStandardPaths::findExecutable(u"man"_s).isEmpty())
        QSKIP("man not found: install man-db");
    const QString path = rootPath(u"usr/share/man/man1/%1.1.gz"_s.arg(page));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    env.insert(u"MANWIDTH"_s, u"80"_s);
    env.insert(u"MANPAGER"_s, u"cat"_s);
    const ProcessResult result = runProcess(u"man"_s, {u"--warnings"_s, u"-l"_s, path}, env);
    QVERIFY2(result.ok(), qPrintable(result.describe()));
    QVERIFY2(result.err.trimmed().isEmpty(), qPrintable(u"man warnings:\n"_s + result.err));
    QVERIFY(result.out.contains(u"NAME"_s));
    QVERIFY(result.out.contains(QStringLiteral(RETAKE_PACKAGE_VERSION)));
    if (page == u"retake-cli"_s) {
        // The documented commands and exit codes are the program's.
        for (const QString &word : {u"validate"_s, u"run"_s, u"status"_s, u"retry-failed"_s,
                                    u"--json"_s, u"--provider"_s, u"--workspace"_s, u"130"_s})
            QVERIFY2(result.out.contains(word), qPrintable(word));
    }
}

void TestPackaging::changelogAndMetainfoMatchVersion()
{
    REQUIRE_PACKAGE();
    const QString version = QStringLiteral(RETAKE_PACKAGE_VERSION);
    const ProcessResult changelog =
        runProcess(u"gzip"_s, {u"-dc"_s, rootPath(u"usr/share/doc/retake/changelog.gz"_s)});
    if (!changelog.started)
        QSKIP("gzip not found");
    QVERIFY2(changelog.out.startsWith(u"retake (%1) "_s.arg(version)),
             qPrintable(u"packaging/changelog does not start with version "_s + version));
    if (!hasGui())
        return;
    const QString metainfo = readTextFile(
        rootPath(u"usr/share/metainfo/%1.metainfo.xml"_s.arg(QStringLiteral(RETAKE_APP_ID))));
    // AppStream lists releases newest first.
    const QString newest =
        QRegularExpression(u"<release [^>]*version=\"([^\"]+)\""_s).match(metainfo).captured(1);
    QCOMPARE(newest, version);
}

void TestPackaging::programsPrintVersion_data()
{
    QTest::addColumn<QString>("program");
    QTest::newRow("retake-cli") << u"retake-cli"_s;
    QTest::newRow("retake") << u"retake"_s;
}

void TestPackaging::programsPrintVersion()
{
    REQUIRE_PACKAGE();
    QFETCH(QString, program);
    if (program == u"retake"_s && !hasGui())
        QSKIP("built with RETAKE_BUILD_GUI=OFF: no retake in the package");
    const ProcessResult result =
        runProcess(rootPath(u"usr/bin/"_s + program), {u"--version"_s}, unpackedEnvironment());
    QVERIFY2(result.ok(), qPrintable(result.describe()));
    QCOMPARE(result.out.trimmed(), u"%1 %2"_s.arg(program, QStringLiteral(RETAKE_PACKAGE_VERSION)));
}

void TestPackaging::cliRunsInstalledDemo()
{
    REQUIRE_PACKAGE();
    // Given the installed demo copied to a writable folder (its workspace goes beside it)
    const QDir examples(rootPath(u"usr/share/retake/examples"_s));
    QString demo = examples.filePath(u"demo.retake.json"_s);
    if (!QFileInfo::exists(demo)) {
        const QStringList any = examples.entryList({u"*.retake.json"_s}, QDir::Files);
        QVERIFY2(!any.isEmpty(), "no storyboard installed in share/retake/examples");
        demo = examples.filePath(any.first());
    }
    const QString copy = m_work.filePath(u"run/"_s + QFileInfo(demo).fileName());
    QVERIFY(QDir().mkpath(QFileInfo(copy).path()));
    QVERIFY(QFile::copy(demo, copy));

    // When the unpacked retake-cli runs it with the built-in provider (voice-overs, scene
    // cuts and the film included: about a minute on an idle machine)
    const ProcessResult result =
        runProcess(rootPath(u"usr/bin/retake-cli"_s), {u"run"_s, copy, u"--json"_s},
                   unpackedEnvironment(), QFileInfo(copy).path(), 240000);

    // Then it finishes: 0 all done, 3 when the demo's injected faults leave a task failed
    QVERIFY2(result.started && result.finished, qPrintable(result.describe()));
    QVERIFY2(result.exitCode == 0 || result.exitCode == 3, qPrintable(result.describe()));
    QJsonObject summary;
    for (const QString &line : result.out.split(u'\n', Qt::SkipEmptyParts)) {
        const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
        if (object.value(u"event"_s).toString() == u"summary"_s)
            summary = object;
    }
    QVERIFY2(!summary.isEmpty(), qPrintable(u"no summary line:\n"_s + result.out.right(2000)));
    const int total = summary.value(u"total"_s).toInt();
    const QJsonObject counts = summary.value(u"counts"_s).toObject();
    const int done = counts.value(u"done"_s).toInt();
    const int unfinished = counts.value(u"failed"_s).toInt() + counts.value(u"blocked"_s).toInt() +
                           counts.value(u"cancelled"_s).toInt();
    qInfo("installed demo: %d of %d tasks done, exit code %d", done, total, result.exitCode);
    QVERIFY(total > 0);
    QVERIFY2(done > 0, qPrintable(QString::fromUtf8(QJsonDocument(summary).toJson())));
    QCOMPARE(result.exitCode, unfinished > 0 ? 3 : 0);
    QVERIFY(QFileInfo::exists(QFileInfo(copy).path() + u"/"_s +
                              QFileInfo(copy).fileName().section(u'.', 0, 0) +
                              u".retake/state.sqlite"_s));
}

QTEST_GUILESS_MAIN(TestPackaging)
#include "tst_packaging.moc"
