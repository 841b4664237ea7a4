#include "providers/espeakjob.h"
#include "util/diskspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QTimer>
#include <QVariant>

#include <atomic>
#include <optional>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

Q_LOGGING_CATEGORY(lcEspeak, "retake.espeak")

constexpr qsizetype kStderrTailBytes = 2048;
constexpr qsizetype kMaxTextChars = 100000;
constexpr int kMinRate = 80;
constexpr int kMaxRate = 450;
constexpr qint64 kWavHeaderBytes = 44;

// The voices one espeak-ng installation knows, as accepted by -v (lower case): language
// codes and their primary subtags, voice names, voice files and their base names.
struct VoiceCatalog {
    bool valid = false;
    QSet<QString> names;
    QSet<QString> languages; // primary subtags: "en", "de", ...
};

QMutex &catalogMutex()
{
    static QMutex mutex;
    return mutex;
}

// Keyed by program path, so a test that points RETAKE_ESPEAK elsewhere gets its own.
QHash<QString, VoiceCatalog> &catalogs()
{
    static QHash<QString, VoiceCatalog> cache;
    return cache;
}

std::optional<VoiceCatalog> cachedCatalog(const QString &program)
{
    QMutexLocker locker(&catalogMutex());
    const auto it = catalogs().constFind(program);
    if (it == catalogs().constEnd())
        return std::nullopt;
    return *it;
}

VoiceCatalog parseCatalog(const QByteArray &listing)
{
    // " 5  de              --/M      German             gmw/de               "
    VoiceCatalog catalog;
    const QList<QByteArray> lines = listing.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList columns =
            QString::fromUtf8(lines.at(i)).toLower().split(u' ', Qt::SkipEmptyParts);
        if (columns.size() < 5)
            continue;
        const QString &language = columns.at(1);
        catalog.names << language << columns.at(3) << columns.at(4)
                      << columns.at(4).section(u'/', -1);
        catalog.languages << language.section(u'-', 0, 0);
    }
    catalog.valid = !catalog.names.isEmpty();
    return catalog;
}

bool catalogKnows(const VoiceCatalog &catalog, const QString &voice)
{
    const QString base = voice.section(u'+', 0, 0).toLower(); // "en-us+f3": a variant
    if (base.isEmpty())
        return false;
    // espeak-ng speaks "en-xx" with the "en" voice; so do we.
    return catalog.names.contains(base) || catalog.languages.contains(base.section(u'-', 0, 0));
}

QString resolveProgram(const QString &program)
{
    if (program.contains(u'/')) {
        const QFileInfo info(program);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
    }
    return QStandardPaths::findExecutable(program);
}

QString lastLine(const QByteArray &text)
{
    const QList<QByteArray> lines = text.trimmed().split('\n');
    return lines.isEmpty() ? QString() : QString::fromUtf8(lines.constLast().trimmed());
}

} // namespace

EspeakJob::EspeakJob(const GenerationRequest &request, const LocalJobSettings &settings,
                     QObject *parent)
    : ProviderJob(parent), m_request(request), m_settings(settings)
{
}

EspeakJob::~EspeakJob()
{
    if (m_phase != Phase::Listing && m_phase != Phase::Speaking && m_phase != Phase::Cancelling)
        return;
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(5000); // the process is killed; this reaps it
    }
    removePartialOutputs();
}

QString EspeakJob::audioFileName()
{
    return u"audio.wav"_s;
}

QString EspeakJob::programPath()
{
    static std::atomic_bool reported{false};
    const QString override = qEnvironmentVariable("RETAKE_ESPEAK");
    const QString path = resolveProgram(override.isEmpty() ? u"espeak-ng"_s : override);
    if (path.isEmpty() && !reported.exchange(true)) {
        if (override.isEmpty())
            qCWarning(lcEspeak, "%s", qUtf8Printable(missingMessage()));
        else
            qCWarning(lcEspeak, "RETAKE_ESPEAK=%s does not name an executable; %s",
                      qUtf8Printable(override), qUtf8Printable(missingMessage()));
    }
    return path;
}

QString EspeakJob::missingMessage()
{
    return u"espeak-ng was not found: install the Debian package espeak-ng "
           u"(apt install espeak-ng) or set RETAKE_ESPEAK to its path"_s;
}

QString EspeakJob::requestedVoice(const GenerationRequest &request)
{
    const QString voice = request.voice.trimmed();
    if (!voice.isEmpty())
        return voice;
    const QString language = request.language.trimmed();
    return language.isEmpty() ? u"en"_s : language;
}

QString EspeakJob::outputPath(const QString &fileName) const
{
    return QDir(m_request.outputDir).filePath(fileName);
}

GenerationResult EspeakJob::failure(ErrorClass errorClass, const QString &message) const
{
    return GenerationResult::failure(errorClass, m_request.taskId % u": "_s % message);
}

// ---------------------------------------------------------------------------------------
// Lifecycle

void EspeakJob::start()
{
    if (m_phase != Phase::Created)
        return;
    m_phase = Phase::Waiting;
    m_latencyTimer = new QTimer(this);
    m_latencyTimer->setSingleShot(true);
    m_latencyTimer->setTimerType(Qt::PreciseTimer);
    connect(m_latencyTimer, &QTimer::timeout, this, &EspeakJob::beginWork);
    m_latencyTimer->start(m_settings.latencyMs);
}

void EspeakJob::cancel()
{
    switch (m_phase) {
    case Phase::Created:
    case Phase::Waiting:
        finish(
            GenerationResult::failure(ErrorClass::Cancelled, m_request.taskId % u": cancelled"_s));
        return;
    case Phase::Listing:
    case Phase::Speaking:
        if (m_process && m_process->state() != QProcess::NotRunning) {
            // Report only once the process is gone, so that nothing can write afterwards.
            m_phase = Phase::Cancelling;
            if (m_processTimer)
                m_processTimer->stop();
            m_process->kill();
        } else {
            finishCancelled();
        }
        return;
    case Phase::Cancelling:
    case Phase::Finished:
        return;
    }
}

void EspeakJob::beginWork()
{
    if (m_phase != Phase::Waiting)
        return;
    m_phase = Phase::Listing;
    if (m_settings.fault.injectsFailure()) {
        finish(m_settings.fault.toResult());
        return;
    }
    if (m_request.outputDir.isEmpty()) {
        finish(failure(ErrorClass::InvalidRequest, u"the request has no output folder"_s));
        return;
    }
    const QString text = m_request.prompt.trimmed();
    if (text.isEmpty()) {
        finish(failure(ErrorClass::InvalidRequest, u"the voice-over text is empty"_s));
        return;
    }
    if (text.size() > kMaxTextChars) {
        finish(failure(ErrorClass::InvalidRequest,
                       u"the voice-over text has %1 characters (at most %2)"_s.arg(text.size())
                           .arg(kMaxTextChars)));
        return;
    }
    const QVariant rate = m_request.extra.value(u"rate"_s);
    if (rate.isValid() && !m_request.extra.value(u"fallback"_s).toBool()) {
        bool ok = false;
        const int wordsPerMinute = rate.toInt(&ok);
        if (!ok || wordsPerMinute <= 0) {
            finish(failure(
                ErrorClass::InvalidRequest,
                u"speech rate \"%1\" is not a number of words per minute"_s.arg(rate.toString())));
            return;
        }
        m_rate = qBound(kMinRate, wordsPerMinute, kMaxRate);
    }
    if (!QDir().mkpath(m_request.outputDir)) {
        finish(failure(ErrorClass::FileIo, u"cannot create the output folder %1"_s.arg(
                                               QDir::toNativeSeparators(m_request.outputDir))));
        return;
    }
    m_program = programPath();
    if (m_program.isEmpty()) {
        finish(failure(ErrorClass::ProviderUnavailable,
                       u"cannot speak the voice-over: "_s % missingMessage()));
        return;
    }
    Q_EMIT progressed(0.0);
    if (cachedCatalog(m_program))
        speak();
    else
        listVoices();
}

QProcess *EspeakJob::newProcess()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
    }
    m_stdout.clear();
    m_stderrTail.clear();
    m_processTimedOut = false;
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setWorkingDirectory(m_request.outputDir);
    connect(m_process, &QProcess::readyReadStandardError, this, &EspeakJob::onProcessErrorOutput);
    connect(m_process, &QProcess::errorOccurred, this, &EspeakJob::onProcessError);
    if (m_settings.processTimeoutMs > 0) {
        if (!m_processTimer) {
            m_processTimer = new QTimer(this);
            m_processTimer->setSingleShot(true);
            connect(m_processTimer, &QTimer::timeout, this, &EspeakJob::onProcessTimeout);
        }
        m_processTimer->start(m_settings.processTimeoutMs);
    }
    return m_process;
}

// ---------------------------------------------------------------------------------------
// Voices

void EspeakJob::listVoices()
{
    QProcess *process = newProcess();
    connect(process, &QProcess::readyReadStandardOutput, this,
            [this] { m_stdout += m_process->readAllStandardOutput(); });
    connect(process, &QProcess::finished, this, &EspeakJob::onListFinished);
    process->start(m_program, {u"--voices"_s}, QIODevice::ReadOnly);
}

void EspeakJob::onListFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    if (m_processTimer)
        m_processTimer->stop();
    if (m_phase == Phase::Cancelling) {
        finishCancelled();
        return;
    }
    if (m_phase != Phase::Listing)
        return;
    m_stdout += m_process->readAllStandardOutput();
    VoiceCatalog catalog;
    if (exitStatus == QProcess::NormalExit && exitCode == 0)
        catalog = parseCatalog(m_stdout);
    // An unreadable listing is remembered too: then voices are not checked.
    {
        QMutexLocker locker(&catalogMutex());
        catalogs().insert(m_program, catalog);
    }
    speak();
}

// ---------------------------------------------------------------------------------------
// Speech

void EspeakJob::speak()
{
    m_phase = Phase::Speaking;
    const VoiceCatalog catalog = cachedCatalog(m_program).value_or(VoiceCatalog{});
    const QString language = m_request.language.trimmed();
    if (m_request.extra.value(u"fallback"_s).toBool()) {
        // Basic synthesis: the language's default voice, or English.
        m_voice = !language.isEmpty() && (!catalog.valid || catalogKnows(catalog, language))
                      ? language
                      : u"en"_s;
    } else {
        m_voice = requestedVoice(m_request);
        if (catalog.valid && !catalogKnows(catalog, m_voice)) {
            finish(failure(
                ErrorClass::ProviderError,
                u"espeak-ng has no voice \"%1\" (espeak-ng --voices lists them)"_s.arg(m_voice)));
            return;
        }
    }

    const QString temp = outputPath(audioFileName() + u".part"_s);
    QFile::remove(temp);
    QStringList arguments = {u"-b"_s, u"1"_s, u"-v"_s, m_voice};
    if (m_rate > 0)
        arguments << u"-s"_s << QString::number(m_rate);
    arguments << u"-w"_s << temp << u"--stdin"_s;

    QProcess *process = newProcess();
    connect(process, &QProcess::finished, this, &EspeakJob::onSpeakFinished);
    process->start(m_program, arguments, QIODevice::ReadWrite);
    // Through stdin, not the command line: no argument length limit, no option parsing.
    process->write(m_request.prompt.trimmed().toUtf8());
    process->closeWriteChannel();
}

void EspeakJob::onSpeakFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    if (m_processTimer)
        m_processTimer->stop();
    if (m_phase == Phase::Cancelling) {
        finishCancelled();
        return;
    }
    if (m_phase != Phase::Speaking)
        return;
    onProcessErrorOutput();
    const QString temp = outputPath(audioFileName() + u".part"_s);
    const QString target = outputPath(audioFileName());
    auto failWith = [&](ErrorClass errorClass, const QString &message) {
        QFile::remove(temp);
        GenerationResult result = failure(errorClass, message);
        result.detail = QString::fromUtf8(m_stderrTail);
        finish(result);
    };
    if (m_processTimedOut) {
        failWith(ErrorClass::Timeout,
                 u"espeak-ng did not finish within %1 s"_s.arg(m_settings.processTimeoutMs / 1000));
        return;
    }
    if (exitStatus != QProcess::NormalExit || exitCode != 0) {
        const bool noSpace =
            m_stderrTail.contains("No space left on device") || isOutOfSpace(m_request.outputDir);
        const QString reason =
            exitStatus == QProcess::CrashExit
                ? u"espeak-ng crashed with voice \"%1\""_s.arg(m_voice)
                : u"espeak-ng failed with exit code %1 (voice \"%2\")"_s.arg(exitCode).arg(m_voice);
        const QString tail = lastLine(m_stderrTail);
        failWith(noSpace ? ErrorClass::DiskFull : ErrorClass::ProviderError,
                 tail.isEmpty() ? reason : reason % u": "_s % tail);
        return;
    }
    if (QFileInfo(temp).size() <= kWavHeaderBytes) {
        failWith(ErrorClass::ProviderError, u"espeak-ng finished without writing any audio"_s);
        return;
    }
    if (m_settings.fault.corruptsOutput()) {
        QFile file(temp);
        file.resize(16); // a broken header: nothing decodes
    }
    QFile::remove(target);
    if (!QFile::rename(temp, target)) {
        failWith(ErrorClass::FileIo, u"cannot rename the audio to %1"_s.arg(audioFileName()));
        return;
    }
    Q_EMIT progressed(1.0);
    GenerationResult result;
    result.outputFiles = {target};
    result.costUnits = m_settings.costPerUnit;
    result.detail = QString::fromUtf8(m_stderrTail);
    finish(result);
}

void EspeakJob::onProcessErrorOutput()
{
    if (!m_process)
        return;
    m_stderrTail += m_process->readAllStandardError();
    if (m_stderrTail.size() > kStderrTailBytes)
        m_stderrTail = m_stderrTail.right(kStderrTailBytes);
}

void EspeakJob::onProcessTimeout()
{
    if ((m_phase != Phase::Listing && m_phase != Phase::Speaking) || !m_process)
        return;
    m_processTimedOut = true;
    m_process->kill();
}

void EspeakJob::onProcessError(QProcess::ProcessError error)
{
    // Crashes and kills arrive through finished(); only a failed start ends here alone.
    if (error != QProcess::FailedToStart)
        return;
    if (m_phase == Phase::Cancelling) {
        finishCancelled();
        return;
    }
    if (m_phase != Phase::Listing && m_phase != Phase::Speaking)
        return;
    GenerationResult result =
        failure(ErrorClass::ProviderUnavailable,
                u"espeak-ng could not be started (%1); install the Debian package espeak-ng or set "
                u"RETAKE_ESPEAK"_s.arg(m_process->errorString()));
    result.detail = m_process->program();
    finish(result);
}

// ---------------------------------------------------------------------------------------
// Results

void EspeakJob::finishCancelled()
{
    removePartialOutputs();
    finish(GenerationResult::failure(ErrorClass::Cancelled, m_request.taskId % u": cancelled"_s));
}

void EspeakJob::finish(const GenerationResult &result)
{
    if (m_phase == Phase::Finished)
        return;
    m_phase = Phase::Finished;
    if (m_latencyTimer)
        m_latencyTimer->stop();
    if (m_processTimer)
        m_processTimer->stop();
    // Always from the event loop: never re-entrantly from start() or cancel().
    QMetaObject::invokeMethod(
        this, [this, result] { Q_EMIT finished(result); }, Qt::QueuedConnection);
}

void EspeakJob::removePartialOutputs() const
{
    if (m_request.outputDir.isEmpty())
        return;
    QFile::remove(outputPath(audioFileName() + u".part"_s));
    QFile::remove(outputPath(audioFileName()));
}

} // namespace retake
