// retake-sim: a local server that speaks ComfyUI, AUTOMATIC1111, OpenAI Images, OpenAI
// speech, Replicate and fal wire formats, with fault injection. See simserver.h and README.md.
#include "simserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace retake::sim;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"retake-sim"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(RETAKE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Simulated generation providers on 127.0.0.1 for trying and testing Retake.\n"
        u"Base URLs: ComfyUI and AUTOMATIC1111 at http://127.0.0.1:PORT, OpenAI Images and "
        u"speech (openai-tts) at /openai/v1, Replicate at /replicate/v1, fal at /fal. "
        u"Counters: GET /_sim/stats."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(u"port"_s, u"Port on 127.0.0.1 (default 8188; 0 = any)."_s,
                                        u"PORT"_s, u"8188"_s);
    const QCommandLineOption configOption(u"config"_s,
                                          u"Read the fault profile from FILE (JSON)."_s, u"FILE"_s);
    const QCommandLineOption latencyOption(u"latency"_s, u"Latency of every answer in ms."_s,
                                           u"MS"_s);
    const QCommandLineOption spreadOption(u"latency-spread"_s,
                                          u"Uniform spread of the latency in ms."_s, u"MS"_s);
    const QCommandLineOption jobOption(u"job-ms"_s, u"Server-side time of one job in ms."_s,
                                       u"MS"_s);
    const QCommandLineOption rateOption(
        u"rate"_s, u"Token bucket: submissions per second (0 = off)."_s, u"N"_s);
    const QCommandLineOption burstOption(u"burst"_s, u"Token bucket capacity."_s, u"N"_s);
    const QCommandLineOption faultOption(
        u"fault"_s,
        u"NAME=RATE, e.g. rate_limited=0.1 (repeatable). Names: "_s +
            SimProfile::faultNames().join(u", "_s),
        u"NAME=RATE"_s);
    const QCommandLineOption seedOption(u"seed"_s, u"Random seed of the faults."_s, u"N"_s);
    const QCommandLineOption keyOption(
        u"require-key"_s,
        u"Cloud protocols require this key (default: $RETAKE_SIM_KEY, else none)."_s, u"KEY"_s);
    const QCommandLineOption ownSizeOption(
        u"own-size"_s, u"Models choose their own size and length: videos 96x64 at 12 fps lasting "
                       u"the asked duration times the --own-duration-scale, images 80x96."_s);
    const QCommandLineOption ownScaleOption(
        u"own-duration-scale"_s, u"With --own-size: video length ÷ asked length (default 2)."_s,
        u"SCALE"_s);
    parser.addOptions({portOption, configOption, latencyOption, spreadOption, jobOption, rateOption,
                       burstOption, faultOption, seedOption, keyOption, ownSizeOption,
                       ownScaleOption});
    parser.process(app);

    QTextStream err(stderr);
    QJsonObject settings;
    if (parser.isSet(configOption)) {
        QFile file(parser.value(configOption));
        if (!file.open(QIODevice::ReadOnly)) {
            err << "retake-sim: cannot read " << file.fileName() << ": " << file.errorString()
                << '\n';
            return 2;
        }
        QJsonParseError error;
        settings = QJsonDocument::fromJson(file.readAll(), &error).object();
        if (error.error != QJsonParseError::NoError) {
            err << "retake-sim: " << file.fileName() << ": " << error.errorString() << '\n';
            return 2;
        }
    }
    auto number = [&](const QCommandLineOption &option) { return parser.value(option).toDouble(); };
    if (parser.isSet(latencyOption) || parser.isSet(spreadOption)) {
        settings.insert(
            u"latency"_s,
            QJsonObject{{u"distribution"_s, parser.isSet(spreadOption) ? u"uniform"_s : u"fixed"_s},
                        {u"ms"_s, number(latencyOption)},
                        {u"spreadMs"_s, number(spreadOption)}});
    }
    if (parser.isSet(jobOption))
        settings.insert(u"jobMs"_s, number(jobOption));
    if (parser.isSet(seedOption))
        settings.insert(u"seed"_s, number(seedOption));
    if (parser.isSet(rateOption) || parser.isSet(burstOption)) {
        settings.insert(
            u"rateLimit"_s,
            QJsonObject{{u"perSecond"_s, number(rateOption)},
                        {u"burst"_s, parser.isSet(burstOption) ? number(burstOption) : 1.0}});
    }
    if (parser.isSet(faultOption)) {
        QJsonObject faults = settings.value(u"faults"_s).toObject();
        for (const QString &fault : parser.values(faultOption)) {
            const QString name = fault.section(u'=', 0, 0);
            bool ok = false;
            const double rate = fault.section(u'=', 1).toDouble(&ok);
            if (!ok) {
                err << "retake-sim: --fault expects NAME=RATE, got \"" << fault << "\"\n";
                return 2;
            }
            faults.insert(name, rate);
        }
        settings.insert(u"faults"_s, faults);
    }
    if (parser.isSet(ownSizeOption))
        settings.insert(u"ownSize"_s, true);
    if (parser.isSet(ownScaleOption))
        settings.insert(u"ownDurationScale"_s, number(ownScaleOption));
    const QString key =
        parser.isSet(keyOption) ? parser.value(keyOption) : qEnvironmentVariable("RETAKE_SIM_KEY");
    if (!key.isEmpty())
        settings.insert(u"requiredKey"_s, key);

    QString error;
    const std::optional<SimProfile> profile = SimProfile::fromJson(settings, SimProfile{}, &error);
    if (!profile) {
        err << "retake-sim: " << error << '\n';
        return 2;
    }
    SimServer server;
    server.setProfile(*profile);
    bool ok = false;
    const int port = parser.value(portOption).toInt(&ok);
    if (!ok || port < 0 || port > 65535) {
        err << "retake-sim: invalid port \"" << parser.value(portOption) << "\"\n";
        return 2;
    }
    if (server.start(quint16(port)) == 0) {
        err << "retake-sim: cannot listen on 127.0.0.1:" << port << " (in use?)\n";
        return 1;
    }
    QTextStream out(stdout);
    out << "retake-sim listening on " << server.baseUrl().toString() << '\n'
        << "  comfyui       " << server.baseUrl(u"comfyui"_s).toString() << '\n'
        << "  a1111         " << server.baseUrl(u"a1111"_s).toString() << '\n'
        << "  openai-images " << server.baseUrl(u"openai-images"_s).toString() << '\n'
        << "  openai-tts    " << server.baseUrl(u"openai-tts"_s).toString() << '\n'
        << "  replicate     " << server.baseUrl(u"replicate"_s).toString() << '\n'
        << "  fal           " << server.baseUrl(u"fal"_s).toString() << '\n'
        << "  stats         " << server.baseUrl().toString() << "/_sim/stats" << '\n';
    out.flush();
    return app.exec();
}
