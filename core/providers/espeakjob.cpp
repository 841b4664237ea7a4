#include "providers/espeakjob.h"

#include "util/mediatools.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>
#include <QVariant>

#include <atomic>
#include <optional>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

Q_LOGGING_CATEGORY(lcEspeak, "retake.espeak")

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

} // namespace

EspeakJob::EspeakJob(const GenerationRequest &request, const LocalJobSettings &settings,
                     QObject *parent)
    : ProcessJob(request, settings, parent)
{
    addPartialOutput(audioFileName() + u".part"_s);
    addPartialOutput(audioFileName());
}

EspeakJob::~EspeakJob() = default;

QString EspeakJob::audioFileName()
{
    return u"audio.wav"_s;
}

QString EspeakJob::programPath()
{
    static std::atomic_bool reported{false};
    const QString override = qEnvironmentVariable("RETAKE_ESPEAK");
    QString path = resolveExecutable(override.isEmpty() ? u"espeak-ng"_s : override);
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
    QString voice = request.voice.trimmed();
    if (!voice.isEmpty())
        return voice;
    const QString language = request.language.trimmed();
    return language.isEmpty() ? u"en"_s : language;
}

// ---------------------------------------------------------------------------------------
// Lifecycle

void EspeakJob::beginWork()
{
    const QString text = request().prompt.trimmed();
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
    if (!takeRate() || !makeOutputFolder())
        return;
    m_program = programPath();
    if (m_program.isEmpty()) {
        finish(failure(ErrorClass::ProviderUnavailable,
                       u"cannot speak the voice-over: "_s % missingMessage()));
        return;
    }
    reportProgress(0.0);
    if (cachedCatalog(m_program))
        speak();
    else
        listVoices();
}

bool EspeakJob::takeRate()
{
    const QVariant rate = request().extra.value(u"rate"_s);
    if (!rate.isValid() || request().extra.value(u"fallback"_s).toBool())
        return true;
    bool ok = false;
    const int wordsPerMinute = rate.toInt(&ok);
    if (!ok || wordsPerMinute <= 0) {
        finish(failure(
            ErrorClass::InvalidRequest,
            u"speech rate \"%1\" is not a number of words per minute"_s.arg(rate.toString())));
        return false;
    }
    m_rate = qBound(kMinRate, wordsPerMinute, kMaxRate);
    return true;
}

void EspeakJob::toolFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    if (m_step == Step::Listing)
        onListFinished(exitCode, exitStatus);
    else
        onSpeakFinished(exitCode, exitStatus);
}

void EspeakJob::toolFailedToStart()
{
    GenerationResult result =
        failure(ErrorClass::ProviderUnavailable,
                u"espeak-ng could not be started (%1); install the Debian package espeak-ng or set "
                u"RETAKE_ESPEAK"_s.arg(tool()->errorString()));
    result.detail = tool()->program();
    finish(result);
}

// ---------------------------------------------------------------------------------------
// Voices

void EspeakJob::listVoices()
{
    m_step = Step::Listing;
    runTool(m_program, {u"--voices"_s}, settings().processTimeoutMs);
}

void EspeakJob::onListFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    VoiceCatalog catalog;
    if (exitStatus == QProcess::NormalExit && exitCode == 0)
        catalog = parseCatalog(tool()->standardOutput());
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
    m_step = Step::Speaking;
    const VoiceCatalog catalog = cachedCatalog(m_program).value_or(VoiceCatalog{});
    const QString language = request().language.trimmed();
    if (request().extra.value(u"fallback"_s).toBool()) {
        // Basic synthesis: the language's default voice, or English.
        m_voice = !language.isEmpty() && (!catalog.valid || catalogKnows(catalog, language))
                      ? language
                      : u"en"_s;
    } else {
        m_voice = requestedVoice(request());
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

    runTool(m_program, arguments, settings().processTimeoutMs, ToolProcess::Stdout::Collect,
            ToolProcess::Stderr::Keep, QIODevice::ReadWrite);
    // Through stdin, not the command line: no argument length limit, no option parsing.
    tool()->writeInput(request().prompt.trimmed().toUtf8());
}

void EspeakJob::failSpeech(ErrorClass errorClass, const QString &message)
{
    QFile::remove(outputPath(audioFileName() + u".part"_s));
    GenerationResult result = failure(errorClass, message);
    result.detail = QString::fromUtf8(tool()->stderrTail());
    finish(result);
}

void EspeakJob::onSpeakFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    const QString temp = outputPath(audioFileName() + u".part"_s);
    const QString target = outputPath(audioFileName());
    if (tool()->timedOut()) {
        failSpeech(ErrorClass::Timeout, u"espeak-ng did not finish within %1 s"_s.arg(
                                            settings().processTimeoutMs / 1000));
        return;
    }
    if (exitStatus != QProcess::NormalExit || exitCode != 0) {
        const bool noSpace = tool()->ranOutOfSpace(request().outputDir);
        const QString reason =
            exitStatus == QProcess::CrashExit
                ? u"espeak-ng crashed with voice \"%1\""_s.arg(m_voice)
                : u"espeak-ng failed with exit code %1 (voice \"%2\")"_s.arg(exitCode).arg(m_voice);
        failSpeech(noSpace ? ErrorClass::DiskFull : ErrorClass::ProviderError,
                   tool()->withLastLine(reason));
        return;
    }
    if (QFileInfo(temp).size() <= kWavHeaderBytes) {
        failSpeech(ErrorClass::ProviderError, u"espeak-ng finished without writing any audio"_s);
        return;
    }
    if (settings().fault.corruptsOutput()) {
        QFile file(temp);
        file.resize(16); // a broken header: nothing decodes
    }
    QFile::remove(target);
    if (!QFile::rename(temp, target)) {
        failSpeech(ErrorClass::FileIo, u"cannot rename the audio to %1"_s.arg(audioFileName()));
        return;
    }
    reportProgress(1.0);
    GenerationResult result;
    result.outputFiles = {target};
    result.costUnits = settings().costPerUnit;
    result.detail = QString::fromUtf8(tool()->stderrTail());
    finish(result);
}

} // namespace retake
