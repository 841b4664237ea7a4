// Nothing outside the workspace is read or deleted (issue 13, defects 3 and 4): paths read back
// from state.sqlite or a checkpoint are used only inside the workspace, and discard deletes only
// Retake's own outputs, never through a link out of the workspace. Real retake-cli processes on a
// temporary storyboard, and the engine for what only its activity log shows.
#include "enginefixture.h"
#include "store/publisher.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace retake;

namespace {

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

const QString kStoryboard = uR"({
  "format": "retake-project/1",
  "title": "Three calm shots",
  "defaults": {"image": {"width": 96, "height": 54, "steps": 4},
               "video": {"duration": 0.5, "fps": 8, "motion": "zoom-in"}},
  "scenes": [{"id": "s01", "title": "Harbour", "shots": [
    {"id": "s01-sh01", "prompt": "A harbour at dawn, gulls over the masts."},
    {"id": "s01-sh02", "prompt": "A fisherman mending nets on the quay."},
    {"id": "s01-sh03", "prompt": "Boats leaving the harbour in mist."}]}]
})"_s;

const QByteArray kSecret = "SECRET: not Retake's file\n";

// Runs one statement with `binds` on the SQLite file `path` (no engine has it open).
bool execSql(const QString &path, const QString &sql, const QVariantList &binds = {})
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"confinement-edit"_s);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(sql);
            for (const QVariant &value : binds)
                query.addBindValue(value);
            ok = query.exec() && query.numRowsAffected() > 0;
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(u"confinement-edit"_s);
    return ok;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The files under `dir` whose bytes are the secret.
QStringList filesHoldingSecret(const QString &dir)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (readFile(file) == kSecret)
            found << file;
    }
    return found;
}

} // namespace

class TestConfinement : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void publishNeverCopiesAFileFromOutsideTheWorkspace();
    void checkpointRestoreNeverTakesAnOutputFromOutside();
    void checkpointFileOutsideIsNeitherReadNorDeleted();
    void discardDoesNotFollowADraftLinkOut();
    void discardDeletesOnlyRetakeOutputs();
    void publisherRefusesASourceOutsideDraft();
    void openSaysWhyAnEscapingOutputRunsAgain();
    void existingConfinedAgreesWithConfined();
    void aReaderConfinesByNameAndLooksAtNoFile();

private:
    CliResult cli(const QStringList &args);
    // Writes the storyboard and runs it to the end; returns its path.
    QString finishedBatch();
    QString workspace(const QString &relative = {}) const
    {
        return m_dir->filePath(u"calm.retake/"_s + relative);
    }
    QString victim(const QString &relative) const
    {
        return m_dir->filePath(u"victim/"_s + relative);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestConfinement::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(writeFile(victim(u"doc.txt"_s), kSecret));
}

void TestConfinement::cleanup()
{
    m_dir.reset();
}

CliResult TestConfinement::cli(const QStringList &args)
{
    QProcess process;
    process.setWorkingDirectory(m_dir->path());
    process.start(QStringLiteral(RETAKE_CLI_PATH), args);
    CliResult result;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString TestConfinement::finishedBatch()
{
    const QString path = m_dir->filePath(u"calm.retake.json"_s);
    if (!writeFile(path, kStoryboard.toUtf8()))
        return {};
    const CliResult run = cli({u"run"_s, path});
    return run.exitCode == 0 ? path : QString();
}

void TestConfinement::publishNeverCopiesAFileFromOutsideTheWorkspace()
{
    const QString path = finishedBatch();
    QVERIFY(!path.isEmpty());
    // Given a state whose outputs lead out of the workspace: by `..`, and through a link in
    // draft/ that points outside,
    QVERIFY(execSql(
        workspace(u"state.sqlite"_s), u"UPDATE tasks SET output_path = ? WHERE id = ?"_s,
        {u"../../../../../../../../../../..%1"_s.arg(victim(u"doc.txt"_s)), u"s01-sh01/image"_s}));
    const QString linked = workspace(u"draft/s01/s01-sh02/video.a1.mp4"_s);
    QVERIFY(QFile::remove(linked));
    QVERIFY(QFile::link(victim(u"doc.txt"_s), linked));

    // those tasks are not done: publishing is refused as unfinished work,
    const CliResult refused = cli({u"publish"_s, path});
    QVERIFY2(refused.exitCode == 2, qPrintable(refused.out + refused.err));
    // publishing the done ones copies nothing from outside,
    const CliResult partial = cli({u"publish"_s, path, u"--allow-partial"_s});
    QVERIFY2(partial.exitCode == 0, qPrintable(partial.err));
    QCOMPARE(filesHoldingSecret(workspace(u"published"_s)), QStringList());
    // and the next run makes both again, so that everything can be published.
    QCOMPARE(cli({u"run"_s, path}).exitCode, 0);
    const CliResult published = cli({u"publish"_s, path});
    QVERIFY2(published.exitCode == 0, qPrintable(published.err));
    QVERIFY2(published.out.contains(u"published 6 file(s)"_s), qPrintable(published.out));
    QCOMPARE(filesHoldingSecret(workspace(u"published"_s)), QStringList());
    QCOMPARE(readFile(victim(u"doc.txt"_s)), kSecret);
}

void TestConfinement::checkpointRestoreNeverTakesAnOutputFromOutside()
{
    const QString path = finishedBatch();
    QVERIFY(!path.isEmpty());
    const CliResult created = cli({u"checkpoint"_s, u"create"_s, path, u"--reason"_s, u"x"_s});
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    const CliResult listed = cli({u"checkpoint"_s, u"list"_s, path, u"--json"_s});
    QString id;
    for (const QString &line : listed.out.split(u'\n', Qt::SkipEmptyParts)) {
        const QJsonObject info = QJsonDocument::fromJson(line.toUtf8()).object();
        if (info.value(u"reason"_s).toString() == u"x"_s)
            id = info.value(u"id"_s).toString();
    }
    QVERIFY2(!id.isEmpty(), qPrintable(listed.out));
    // Given a checkpoint (a shared workspace's) whose output leads out of the workspace,
    // (its task rows in state.sqlite)
    const QString state = workspace(u"state.sqlite"_s);
    const QString update =
        u"UPDATE checkpoint_tasks SET output_path = ? WHERE checkpoint_id = ? AND id = ?"_s;
    QVERIFY(execSql(state, update, {u"../victim/doc.txt"_s, id, u"s01-sh03/image"_s}));
    QVERIFY(execSql(state, update, {u"draft/../../victim/doc.txt"_s, id, u"s01-sh03/video"_s}));

    // restoring it does not take that task as done (it runs again),
    const CliResult restored = cli({u"checkpoint"_s, u"restore"_s, path, id});
    QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
    QVERIFY2(restored.out.contains(u"6 tasks: 4 done"_s), qPrintable(restored.out));
    // and nothing from outside is published.
    QCOMPARE(cli({u"publish"_s, path, u"--allow-partial"_s}).exitCode, 0);
    QCOMPARE(filesHoldingSecret(workspace(u"published"_s)), QStringList());
}

void TestConfinement::checkpointFileOutsideIsNeitherReadNorDeleted()
{
    const QString path = finishedBatch();
    QVERIFY(!path.isEmpty());
    QVERIFY(cli({u"checkpoint"_s, u"create"_s, path}).exitCode == 0);
    const CliResult listed = cli({u"checkpoint"_s, u"list"_s, path, u"--json"_s});
    const QString id = QJsonDocument::fromJson(listed.out.split(u'\n').first().toUtf8())
                           .object()
                           .value(u"id"_s)
                           .toString();
    QVERIFY2(!id.isEmpty(), qPrintable(listed.out));
    // Given a checkpoint row that names a (valid) database outside the workspace,
    QVERIFY(QFile::copy(workspace(u"state.sqlite"_s), victim(u"cp.sqlite"_s)));
    QVERIFY(execSql(workspace(u"state.sqlite"_s), u"UPDATE checkpoints SET file = ? WHERE id = ?"_s,
                    {u"../victim/cp.sqlite"_s, id}));
    const QByteArray outside = readFile(victim(u"cp.sqlite"_s));

    // restoring it is refused with the reason,
    const CliResult restored = cli({u"checkpoint"_s, u"restore"_s, path, id});
    QVERIFY2(restored.exitCode != 0, qPrintable(restored.out));
    QVERIFY2(restored.err.contains(id) && restored.err.contains(u"outside"_s),
             qPrintable(restored.err));
    // and dropping every checkpoint does not delete the file it names.
    cli({u"discard"_s, path, u"--all-checkpoints"_s});
    QCOMPARE(readFile(victim(u"cp.sqlite"_s)), outside);
}

void TestConfinement::discardDoesNotFollowADraftLinkOut()
{
    const QString path = finishedBatch();
    QVERIFY(!path.isEmpty());
    // Given draft/ replaced by a link to a folder outside that holds files named like outputs,
    QVERIFY(writeFile(victim(u"s01/s01-sh01/image.a5.png"_s), kSecret));
    QVERIFY(QDir().rename(workspace(u"draft"_s), m_dir->filePath(u"old-draft"_s)));
    QVERIFY(QFile::link(m_dir->filePath(u"victim"_s), workspace(u"draft"_s)));

    // discard deletes nothing there and says why.
    const CliResult discarded = cli({u"discard"_s, path});
    QVERIFY2(discarded.exitCode == 1, qPrintable(discarded.out + discarded.err));
    QVERIFY2(discarded.err.contains(u"draft/ is a link"_s), qPrintable(discarded.err));
    QCOMPARE(readFile(victim(u"doc.txt"_s)), kSecret);
    QCOMPARE(readFile(victim(u"s01/s01-sh01/image.a5.png"_s)), kSecret);
}

void TestConfinement::discardDeletesOnlyRetakeOutputs()
{
    const QString path = finishedBatch();
    QVERIFY(!path.isEmpty());
    // Given files the user put into draft/, a linked subfolder and a linked file leading out,
    const QStringList foreign{u"draft/notes.txt"_s, u"draft/s01/s01-sh01/my-grade.png"_s,
                              u"draft/s01/s01-sh01/image.final.png"_s,
                              u"draft/s01/s01-sh01/image.a2.png.bak"_s};
    for (const QString &name : foreign)
        QVERIFY(writeFile(workspace(name), kSecret));
    QVERIFY(writeFile(victim(u"image.a3.png"_s), kSecret));
    QVERIFY(QFile::link(m_dir->filePath(u"victim"_s), workspace(u"draft/s01/linked"_s)));
    QVERIFY(QFile::link(victim(u"doc.txt"_s), workspace(u"draft/s01/s01-sh02/image.a8.png"_s)));
    // and an older output of Retake's that nothing points to,
    QVERIFY(writeFile(workspace(u"draft/s01/s01-sh01/image.a9.png"_s), "old attempt"));

    // discard deletes only that output.
    const CliResult discarded = cli({u"discard"_s, path});
    QVERIFY2(discarded.exitCode == 0, qPrintable(discarded.err));
    QVERIFY2(discarded.out.contains(u"Discarded 1 output file(s)"_s), qPrintable(discarded.out));
    QVERIFY(!QFileInfo::exists(workspace(u"draft/s01/s01-sh01/image.a9.png"_s)));
    for (const QString &name : foreign)
        QVERIFY2(readFile(workspace(name)) == kSecret, qPrintable(name));
    QCOMPARE(readFile(victim(u"image.a3.png"_s)), kSecret);
    QCOMPARE(readFile(victim(u"doc.txt"_s)), kSecret);
    QVERIFY(QFileInfo(workspace(u"draft/s01/s01-sh02/image.a8.png"_s)).isSymLink());
    QVERIFY(QFileInfo::exists(workspace(u"draft/s01/s01-sh01/image.a1.png"_s)));
}

void TestConfinement::publisherRefusesASourceOutsideDraft()
{
    const Workspace ws(workspace());
    QString error;
    QVERIFY(ws.ensureLayout(&error));
    QVERIFY(writeFile(ws.path(u"draft/s01/s01-sh01/image.a1.png"_s), "fine"));
    QVERIFY(writeFile(ws.path(u"logs/other.txt"_s), kSecret));
    for (const QString &source : {victim(u"doc.txt"_s), ws.path(u"draft/../../victim/doc.txt"_s),
                                  ws.path(u"logs/other.txt"_s)}) {
        PublishItem good;
        good.taskId = u"s01-sh01/image"_s;
        good.sceneId = u"s01"_s;
        good.shotId = u"s01-sh01"_s;
        good.sourcePath = ws.path(u"draft/s01/s01-sh01/image.a1.png"_s);
        PublishItem bad = good;
        bad.taskId = u"s01-sh02/image"_s;
        bad.shotId = u"s01-sh02"_s;
        bad.sourcePath = source;
        const PublishResult result = Publisher::publish(ws, {good, bad});
        QVERIFY2(!result.ok, qPrintable(source));
        QVERIFY2(result.message.contains(u"s01-sh02/image"_s) &&
                     result.message.contains(u"retake-cli run"_s),
                 qPrintable(result.message));
        QVERIFY(!QFileInfo::exists(ws.path(u"published"_s)));
    }
}

void TestConfinement::openSaysWhyAnEscapingOutputRunsAgain()
{
    test::EngineFixture fixture;
    const Project project = test::makeProject(2);
    QVERIFY(fixture.open(project));
    QVERIFY(fixture.runToEnd());
    QCOMPARE(fixture.engine->summary().count(TaskState::Done), 4);
    fixture.close();
    QVERIFY(writeFile(fixture.path(u"outside.png"_s), kSecret));
    QVERIFY(execSql(fixture.path(u"ws/state.sqlite"_s),
                    u"UPDATE tasks SET output_path = ? WHERE id = ?"_s,
                    {u"../outside.png"_s, test::imageTask(1)}));

    // On open, the task whose output leads outside is not done and the activity log says so.
    Engine engine;
    QSignalSpy log(&engine, &Engine::logMessage);
    QString error;
    QVERIFY2(engine.open(project, fixture.path(u"ws"_s), &error), qPrintable(error));
    for (const TaskSnapshot &t : engine.tasks()) {
        if (t.id == test::imageTask(1)) {
            QVERIFY(t.state != TaskState::Done);
            QVERIFY(t.outputPath.isEmpty());
        }
    }
    QStringList lines;
    for (const QList<QVariant> &args : log)
        lines << args.value(0).toString();
    const QString said = lines.join(u'\n');
    QVERIFY2(said.contains(test::imageTask(1)) && said.contains(u"../outside.png"_s) &&
                 said.contains(u"run again"_s),
             qPrintable(said));
    QCOMPARE(readFile(fixture.path(u"outside.png"_s)), kSecret);
}

void TestConfinement::existingConfinedAgreesWithConfined()
{
    // The fast read of many stored outputs on open (one lstat per file and folder) must say
    // what the full resolution says, whatever is a link on the way.
    const Workspace ws(workspace());
    QString error;
    QVERIFY(ws.ensureLayout(&error));
    QVERIFY(writeFile(victim(u"doc.txt"_s), kSecret));
    QVERIFY(writeFile(victim(u"s09/s09-sh01/image.a1.png"_s), kSecret));
    QVERIFY(writeFile(victim(u"sh/image.a1.png"_s), kSecret));
    QVERIFY(writeFile(ws.path(u"draft/s01/s01-sh01/image.a1.png"_s), "fine"));
    QVERIFY(writeFile(ws.path(u"logs/other.png"_s), kSecret));
    QVERIFY(QFile::link(victim(u"doc.txt"_s), ws.path(u"draft/s01/s01-sh01/video.a1.mp4"_s)));
    QVERIFY(QFile::link(ws.path(u"draft/s01/s01-sh01/image.a1.png"_s),
                        ws.path(u"draft/s01/s01-sh01/image.a2.png"_s)));
    QVERIFY(QDir().mkpath(ws.path(u"draft/s02"_s)));
    QVERIFY(QFile::link(m_dir->filePath(u"victim/sh"_s), ws.path(u"draft/s02/s02-sh01"_s)));
    QVERIFY(QFile::link(m_dir->filePath(u"victim/s09"_s), ws.path(u"draft/s09"_s)));
    struct Case {
        QString stored;
        bool inside;
    };
    const QList<Case> cases{
        {u"draft/s01/s01-sh01/image.a1.png"_s, true},          // a plain output
        {u"draft/s01/s01-sh01/image.a2.png"_s, true},          // a link to another output
        {u"draft/s01/s01-sh01/video.a1.mp4"_s, false},         // a link leading out
        {u"draft/s01/s01-sh01/image.a7.png"_s, false},         // missing
        {u"draft/s02/s02-sh01/image.a1.png"_s, false},         // its shot folder links out
        {u"draft/s09/s09-sh01/image.a1.png"_s, false},         // its scene folder links out
        {u"draft/../../victim/doc.txt"_s, false},              // climbs out
        {u"logs/other.png"_s, false},                          // in the workspace, not in draft/
        {ws.path(u"draft/s01/s01-sh01/image.a1.png"_s), true}, // absolute
        {victim(u"doc.txt"_s), false},                         // absolute, outside
    };
    Workspace::ResolvedFolders resolved; // one cache for all, as on open
    for (int round = 0; round < 2; ++round) {
        for (const Case &c : cases) {
            const QString fast = ws.existingConfined(c.stored, u"draft"_s, &resolved);
            const QString full = ws.confined(c.stored, u"draft"_s);
            QCOMPARE(!fast.isEmpty(), c.inside);
            if (c.inside)
                QCOMPARE(fast, full);
            else
                QVERIFY2(full.isEmpty() || !QFileInfo::exists(full), qPrintable(c.stored));
        }
    }
}

void TestConfinement::aReaderConfinesByNameAndLooksAtNoFile()
{
    const Workspace ws(workspace());
    struct Case {
        QString stored;
        bool inside;
    };
    const QList<Case> cases{
        {u"draft/s01/s01-sh01/image.a1.png"_s, true},
        {u"draft/../../victim/doc.txt"_s, false},
        {u"draft/../state.sqlite"_s, false},
        {u"logs/other.png"_s, false},
        {u"draftx/s01/image.a1.png"_s, false},
        {u"draft"_s, false},
        {ws.path(u"draft/s01/s01-sh01/image.a1.png"_s), true},
        {victim(u"doc.txt"_s), false},
    };
    for (const Case &c : cases)
        QVERIFY2(ws.confinedByName(c.stored, u"draft"_s).isEmpty() != c.inside,
                 qPrintable(c.stored));

    // `status` and `estimate` open the workspace read-only: a done task is shown as stored,
    // its file not looked at (20,000 of them cost a sixth of the open); the next writer
    // looks and runs it again. A path that leads out is refused by name all the same.
    test::EngineFixture fixture;
    const Project project = test::makeProject(2);
    QVERIFY(fixture.open(project));
    QVERIFY(fixture.runToEnd());
    fixture.close();
    QString gone;
    {
        Engine engine;
        QString error;
        QVERIFY2(engine.openReadOnly(project, fixture.path(u"ws"_s), false, &error),
                 qPrintable(error));
        for (const TaskSnapshot &t : engine.tasks()) {
            if (t.id == test::imageTask(2))
                gone = t.outputPath;
        }
    }
    QVERIFY(QFile::remove(gone));
    QVERIFY(execSql(fixture.path(u"ws/state.sqlite"_s),
                    u"UPDATE tasks SET output_path = ? WHERE id = ?"_s,
                    {u"../outside.png"_s, test::imageTask(1)}));
    const auto stateOf = [&](bool write, const QString &id) {
        Engine engine;
        QString error;
        const bool opened =
            write ? engine.open(project, fixture.path(u"ws"_s), &error)
                  : engine.openReadOnly(project, fixture.path(u"ws"_s), false, &error);
        if (!opened)
            return TaskState::Blocked;
        for (const TaskSnapshot &t : engine.tasks()) {
            if (t.id == id)
                return t.state;
        }
        return TaskState::Blocked;
    };
    QCOMPARE(stateOf(false, test::imageTask(2)), TaskState::Done);
    QVERIFY(stateOf(false, test::imageTask(1)) != TaskState::Done);
    QVERIFY(stateOf(true, test::imageTask(2)) != TaskState::Done);
    QVERIFY(stateOf(true, test::imageTask(1)) != TaskState::Done);
}

QTEST_GUILESS_MAIN(TestConfinement)
#include "tst_confinement.moc"
