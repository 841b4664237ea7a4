// retake-cli's cheap reads (issue 15, point 4): `status`, `estimate` and `checkpoint list`
// answer from the workspace's rows (app/cli/lightread.*, report/digestreader.*) and print
// exactly what the engine's way prints (RETAKE_FULL_READ=1), after a batch with failures,
// blocked tasks, degraded cuts and a voice-over; after the storyboard is edited (and edited
// back after a writer saw the edit) they fall back to the engine; while a live owner runs a
// task and after that owner was killed they show the same running / interrupted tasks.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

// Two scenes cut together; scene 2 has a voice-over and an image-only shot. Seeded invalid
// requests fail some tasks at once (and block a video); `extraShots` more shots in scene 2.
QByteArray storyboard(int latencyMs, const QString &firstPrompt, int extraShots = 0)
{
    const auto shot = [](const QString &id, const QString &prompt) {
        return QJsonObject{{u"id"_s, id}, {u"prompt"_s, prompt}};
    };
    QJsonArray second{
        QJsonObject{{u"id"_s, u"sh04"_s}, {u"prompt"_s, u"A quay."_s}, {u"stages"_s, u"image"_s}},
        shot(u"sh05"_s, u"Boats in mist."_s)};
    for (int n = 0; n < extraShots; ++n)
        second.append(shot(u"x%1"_s.arg(n), u"More boats, %1."_s.arg(n)));
    const QJsonObject studio{
        {u"id"_s, u"studio"_s},
        {u"kind"_s, u"local"_s},
        {u"maxConcurrency"_s, 1},
        {u"costPerUnit"_s, 0.25},
        {u"options"_s, QJsonObject{{u"latencyMs"_s, latencyMs}}},
        {u"faults"_s,
         QJsonObject{{u"seed"_s, 11}, {u"rates"_s, QJsonObject{{u"invalid_request"_s, 0.3}}}}}};
    const QJsonObject project{
        {u"format"_s, u"retake-project/1"_s},
        {u"title"_s, u"Cheap reads"_s},
        {u"assemble"_s, true},
        {u"defaults"_s,
         QJsonObject{{u"image"_s, QJsonObject{{u"width"_s, 64}, {u"height"_s, 36}}},
                     {u"video"_s, QJsonObject{{u"duration"_s, 0.5}, {u"fps"_s, 8}}}}},
        {u"providerProfiles"_s, QJsonArray{studio}},
        {u"providers"_s, QJsonObject{{u"image"_s, QJsonArray{u"studio"_s, u"local"_s}},
                                     {u"video"_s, QJsonArray{u"studio"_s}}}},
        {u"scenes"_s, QJsonArray{QJsonObject{{u"id"_s, u"s01"_s},
                                             {u"shots"_s, QJsonArray{shot(u"sh01"_s, firstPrompt),
                                                                     shot(u"sh02"_s, u"Gulls."_s),
                                                                     shot(u"sh03"_s, u"Nets."_s)}}},
                                 QJsonObject{{u"id"_s, u"s02"_s},
                                             {u"voiceover"_s,
                                              QJsonObject{{u"text"_s, u"The boats come home."_s}}},
                                             {u"shots"_s, second}}}}};
    return QJsonDocument(project).toJson();
}

// Every read the light way answers, as the user types them.
const QList<QStringList> kReads{{u"status"_s},
                                {u"status"_s, u"--json"_s},
                                {u"estimate"_s},
                                {u"estimate"_s, u"--json"_s},
                                {u"checkpoint"_s, u"list"_s},
                                {u"checkpoint"_s, u"list"_s, u"--json"_s}};

} // namespace

class TestCliReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void readsFromTheRowsPrintWhatTheEnginePrints();
    void editedStoryboardIsReadThroughTheEngine();
    void restoredCheckpointOfTheseInputsIsReadFromTheRows();
    void liveOwnerAndKilledOwnerReadAlike();

private:
    CliResult cli(const QStringList &args, bool fullRead = false, int timeoutMs = 120000);
    void writeStoryboard(const QByteArray &json);
    // Runs `read` (e.g. {"status"}) on the storyboard both ways; fails unless both print the
    // same and exit alike. `fromRows`: whether the light way must have answered.
    void compareRead(const QStringList &read, bool fromRows);
    void compareAllReads(bool fromRows);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
};

void TestCliReader::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_file = m_dir->filePath(u"reads.retake.json"_s);
}

void TestCliReader::cleanup()
{
    m_dir.reset();
}

CliResult TestCliReader::cli(const QStringList &args, bool fullRead, int timeoutMs)
{
    QProcess process;
    process.setWorkingDirectory(m_dir->path());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_LOGGING_RULES"_s, u"retake.cli.read.debug=true"_s);
    if (fullRead)
        env.insert(u"RETAKE_FULL_READ"_s, u"1"_s);
    else
        env.remove(u"RETAKE_FULL_READ"_s);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(RETAKE_CLI_PATH), args);
    CliResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void TestCliReader::writeStoryboard(const QByteArray &json)
{
    QFile file(m_file);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write(json) == json.size());
}

void TestCliReader::compareRead(const QStringList &read, bool fromRows)
{
    QStringList args = read;
    args.insert(read.first() == u"checkpoint"_s ? 2 : 1, m_file);
    const CliResult light = cli(args);
    const CliResult full = cli(args, true);
    const QString how = u"%1: %2"_s.arg(args.join(u' '), light.err);
    QVERIFY2(light.err.contains(u"read from the rows"_s) == fromRows, qPrintable(how));
    QVERIFY2(full.err.contains(u"read from the rows"_s) == false, qPrintable(full.err));
    QVERIFY2(!full.out.isEmpty(), qPrintable(full.err));
    QCOMPARE(light.out, full.out);
    QCOMPARE(light.exitCode, full.exitCode);
    if (read.contains(u"--json"_s)) {
        // Every line is what QJsonDocument writes for it (status builds its lines as text).
        for (const QString &line : light.out.split(u'\n', Qt::SkipEmptyParts)) {
            const QJsonDocument parsed = QJsonDocument::fromJson(line.toUtf8());
            QVERIFY2(parsed.isObject(), qPrintable(line));
            QCOMPARE(QString::fromUtf8(parsed.toJson(QJsonDocument::Compact)), line);
        }
    }
}

void TestCliReader::compareAllReads(bool fromRows)
{
    for (const QStringList &read : kReads) {
        compareRead(read, fromRows);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestCliReader::readsFromTheRowsPrintWhatTheEnginePrints()
{
    writeStoryboard(storyboard(0, u"A harbour at dawn."_s));
    const CliResult run = cli({u"run"_s, m_file, u"--quiet"_s});
    QVERIFY2(run.exitCode == 3, qPrintable(run.err)); // the invalid requests fail tasks
    const CliResult checkpoint =
        cli({u"checkpoint"_s, u"create"_s, m_file, u"--reason"_s, u"before \"the\" cut"_s});
    QVERIFY2(checkpoint.exitCode == 0, qPrintable(checkpoint.err));

    // The batch has what the derivation must get right: done (some degraded), failed,
    // blocked, a voice-over and the cuts.
    const CliResult status = cli({u"status"_s, m_file}, true);
    for (const QString &word : {u" failed "_s, u" blocked "_s, u" done "_s, u"s02/audio"_s,
                                u"final/assemble"_s, u"reduced"_s})
        QVERIFY2(status.out.contains(word), qPrintable(word + u'\n' + status.out));
    compareAllReads(true);

    // The same through another workspace folder.
    compareRead({u"status"_s, u"--workspace"_s, m_dir->filePath(u"reads.retake"_s)}, true);
    // Options a reader must check as the engine's way does go that way.
    const CliResult badReserve = cli({u"status"_s, m_file, u"--disk-reserve-mb"_s, u"-1"_s});
    QCOMPARE(badReserve.exitCode, 2);
}

// A restore puts back rows that were current for the same storyboard: reads stay cheap (and
// print what the engine prints). Rows of another storyboard's checkpoint are read through
// the engine until a writer has seen them.
void TestCliReader::restoredCheckpointOfTheseInputsIsReadFromTheRows()
{
    const QByteArray original = storyboard(0, u"A harbour at dawn."_s);
    writeStoryboard(original);
    QCOMPARE(cli({u"run"_s, m_file, u"--quiet"_s}).exitCode, 3);
    const CliResult created = cli({u"checkpoint"_s, u"create"_s, m_file});
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    const QString first = created.out.section(u' ', 2, 2);
    QVERIFY2(first.startsWith(u"cp-"_s), qPrintable(created.out));
    // Later work changes the rows: the failed tasks are tried again.
    QCOMPARE(cli({u"retry-failed"_s, m_file, u"--quiet"_s}).exitCode, 3);
    const CliResult restored = cli({u"checkpoint"_s, u"restore"_s, m_file, first});
    QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
    compareAllReads(true);

    // Another storyboard's rows: its checkpoint's rows are not current for the edited one.
    writeStoryboard(storyboard(0, u"A harbour at dusk."_s));
    QCOMPARE(cli({u"run"_s, m_file, u"--quiet"_s}).exitCode, 3);
    compareRead({u"status"_s}, true);
    const CliResult back = cli({u"checkpoint"_s, u"restore"_s, m_file, first});
    QVERIFY2(back.exitCode == 0, qPrintable(back.err));
    compareRead({u"status"_s}, false);
}

void TestCliReader::editedStoryboardIsReadThroughTheEngine()
{
    const QByteArray original = storyboard(0, u"A harbour at dawn."_s);
    writeStoryboard(original);
    QCOMPARE(cli({u"run"_s, m_file, u"--quiet"_s}).exitCode, 3);
    compareRead({u"status"_s}, true);

    // Edited: the rows are of other parameters, the engine's way shows the edited shot.
    writeStoryboard(storyboard(0, u"A harbour at dusk."_s));
    compareAllReads(false);
    const CliResult edited = cli({u"status"_s, m_file}, true);
    QVERIFY2(edited.out.contains(u"edited since the last run"_s), qPrintable(edited.out));

    // A writer opened the edited storyboard (and saved every row): edited back, the rows
    // are of neither version's digest, so the reads still go through the engine.
    QCOMPARE(cli({u"checkpoint"_s, u"create"_s, m_file}).exitCode, 0);
    writeStoryboard(original);
    compareAllReads(false);
    const CliResult back = cli({u"status"_s, m_file}, true);
    QVERIFY2(back.out.contains(u"edited since the last run"_s), qPrintable(back.out));

    // The next writer finds rows of the shots it does not know and keeps no digest either;
    // once a run has redone them, the reads come from the rows again.
    QCOMPARE(cli({u"run"_s, m_file, u"--quiet"_s}).exitCode, 3);
    compareAllReads(true);
}

void TestCliReader::liveOwnerAndKilledOwnerReadAlike()
{
    writeStoryboard(storyboard(0, u"A harbour at dawn."_s));
    QCOMPARE(cli({u"run"_s, m_file, u"--quiet"_s}).exitCode, 3);
    // More shots on a slow provider: the owner runs one of them for a minute.
    writeStoryboard(storyboard(60000, u"A harbour at dawn."_s, 3));
    QProcess owner;
    owner.setWorkingDirectory(m_dir->path());
    owner.start(QStringLiteral(RETAKE_CLI_PATH), {u"run"_s, m_file, u"--json"_s});
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT(
        (out += owner.readAllStandardOutput()).contains("\"state\":\"running\""), 60000);
    // The running task's row is saved with the next tick of the owner.
    QTRY_VERIFY_WITH_TIMEOUT(cli({u"status"_s, m_file}, true).out.contains(u" running "_s), 30000);
    compareRead({u"status"_s}, true);
    compareRead({u"status"_s, u"--json"_s}, true);
    compareRead({u"estimate"_s}, true);

    ::kill(pid_t(owner.processId()), SIGKILL);
    QVERIFY(owner.waitForFinished(10000));
    const CliResult afterKill = cli({u"status"_s, m_file}, true);
    QVERIFY2(afterKill.out.contains(u" interrupted "_s), qPrintable(afterKill.out));
    compareAllReads(true);
}

QTEST_GUILESS_MAIN(TestCliReader)
#include "tst_cli_reader.moc"
