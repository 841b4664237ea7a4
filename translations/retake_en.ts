<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
    <context>
        <name>QObject</name>
        <message>
            <source>%1 min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 s</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StateStyle</name>
        <message>
            <source>waiting</source>
            <comment>task state</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>queued</source>
            <comment>task state</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>running</source>
            <comment>task state</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>retrying</source>
            <comment>task state</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>done</source>
            <comment>task state</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>failed</source>
            <comment>task state</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>blocked</source>
            <comment>task state</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>interrupted</source>
            <comment>task state</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cancelled</source>
            <comment>task state</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>skipped</source>
            <comment>task state</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>done</source>
            <comment>summary bar filter</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>degraded</source>
            <comment>summary bar filter</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>running</source>
            <comment>summary bar filter</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>retrying</source>
            <comment>summary bar filter</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>queued</source>
            <comment>summary bar filter</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>failed</source>
            <comment>summary bar filter</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>blocked</source>
            <comment>summary bar filter</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tasks with a verified output, at any quality. Click to show only their shots.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done tasks below full quality (simplified prompt, lower resolution or built-in fallback). Click to show only their shots.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tasks with an attempt in flight. Click to show only their shots.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tasks waiting for their backoff before the next automatic retry. Click to show only their shots.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tasks waiting for a provider slot or for their image. Click to show only their shots.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tasks whose automatic recovery is exhausted: they need you. Click to show only their shots.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tasks waiting for a failed task they depend on. Click to show only their shots.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Image</source>
            <comment>generation stage</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Video</source>
            <comment>generation stage</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>IMG</source>
            <comment>short label of the image stage on a tile</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VID</source>
            <comment>short label of the video stage on a tile</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no error</source>
            <comment>error class</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>network error</source>
            <comment>error class</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>timeout</source>
            <comment>error class</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>rate limited</source>
            <comment>error class</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>provider unavailable</source>
            <comment>error class</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>provider error</source>
            <comment>error class</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>content policy</source>
            <comment>error class</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>invalid request</source>
            <comment>error class</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>authentication</source>
            <comment>error class</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>quota exhausted</source>
            <comment>error class</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>invalid output</source>
            <comment>error class</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unsafe output</source>
            <comment>error class</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>file error</source>
            <comment>error class</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>disk full</source>
            <comment>error class</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cancelled</source>
            <comment>error class</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the network connection, then retry.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The provider is slow; retry, or switch to another provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The provider limits the request rate; wait, lower the concurrency or switch provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The provider is down; retry later or switch provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The model failed on this job; retry, or switch provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The prompt was rejected; edit the prompt or switch provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The request was refused as invalid; fix the shot's parameters or switch provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The provider refused the API key; check the key, or switch provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The provider's quota is used up; switch provider or raise the quota.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The output did not pass verification; retry.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The provider tried to write outside the workspace; switch provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check that the workspace folder is writable, then retry.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Free some disk space; Retake resumes by itself.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelled by you; retry to run it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>primary</source>
            <comment>degradation rung</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>alternative provider</source>
            <comment>degradation rung</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>simplified prompt</source>
            <comment>degradation rung</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>lower resolution</source>
            <comment>degradation rung</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>built-in fallback</source>
            <comment>degradation rung</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>none</source>
            <comment>output quality</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>full quality</source>
            <comment>output quality</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>reduced quality</source>
            <comment>output quality</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>fallback quality</source>
            <comment>output quality</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %</source>
            <comment>progress of a running task</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>retry %1 s</source>
            <comment>countdown to the next automatic retry</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>degraded</source>
            <comment>a done task below full quality</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2</source>
            <comment>stage: state</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (%1)</source>
            <comment>quality in a task description</comment>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>, %n attempt(s)</source>
            <translation>
                <numerusform>, %n attempt</numerusform>
                <numerusform>, %n attempts</numerusform>
            </translation>
        </message>
        <message>
            <source>, %1 % done</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>, next try in %n second(s)</source>
            <translation>
                <numerusform>, next try in %n second</numerusform>
                <numerusform>, next try in %n seconds</numerusform>
            </translation>
        </message>
        <message>
            <source>, last error: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Voice-over</source>
            <comment>generation stage</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cut</source>
            <comment>generation stage: assembling shots into a scene or film</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VOICE</source>
            <comment>short label of a scene's voice-over on its header</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CUT</source>
            <comment>short label of a scene's (or the film's) assembly on its header</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>alternative settings</source>
            <comment>degradation rung (audio: another voice)</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>waiting</source>
            <comment>short task state on a tile chip</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>queued</source>
            <comment>short task state on a tile chip</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>running</source>
            <comment>short task state on a tile chip</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>retrying</source>
            <comment>short task state on a tile chip</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>done</source>
            <comment>short task state on a tile chip</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>failed</source>
            <comment>short task state on a tile chip</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>blocked</source>
            <comment>short task state on a tile chip</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>interrupted</source>
            <comment>short task state on a tile chip</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cancelled</source>
            <comment>short task state on a tile chip</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>skipped</source>
            <comment>short task state on a tile chip</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>out of memory</source>
            <comment>error class: the provider's GPU ran out of memory</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The provider's GPU ran out of memory; Retake tries a lower resolution. Lower the shot's size or steps, or switch to a provider with more memory.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>full · other provider</source>
            <comment>output quality: full parameters, but made by an alternative provider</comment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StoryboardPatcher</name>
        <message>
            <source>the storyboard is not valid JSON</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>shot %1 is not in the storyboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>shot %1 has no "prompt" to change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot read %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the new prompt makes the storyboard invalid: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot write %1: %2</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <source>Batch monitor for AI media generation.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A storyboard (.retake.json) or CSV shot list.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start the batch as soon as FILE is open.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Displays version information.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake</name>
        <message>
            <source>Check the network connection, then retry.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The provider is slow: retry later or switch provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The provider is rate limiting: pause, lower concurrency or switch provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The provider is down: retry later or switch provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The model failed on this job: retry, or switch provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The GPU ran out of memory: lower the resolution or steps, or switch provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The prompt was rejected: edit the prompt or switch provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The request was invalid: fix the shot's parameters, then retry.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the provider's API key, or switch provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The account's quota is used up: top it up or switch provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The provider returned an unusable file: retry or switch provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The provider tried to write outside the workspace: check the provider, then retry.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check that the workspace folder is writable, then retry.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Free disk space; the batch resumes by itself.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry when you want this task to run.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::Engine</name>
        <message>
            <source>%1 cannot be reached; its tasks go to the pool's other endpoints, and it is tried again in %2 s.</source>
            <extracomment>%1 is a pool's endpoint (provider@host:port), %2 seconds.</extracomment>
            <translation type="unfinished"></translation>
        </message>
        <message>
            <source> — %1 cannot be reached; the task goes to another endpoint of %2 (no retry spent)</source>
            <extracomment>%1 is an endpoint (host:port), %2 the pool's provider id.</extracomment>
            <translation type="unfinished"></translation>
        </message>
        <message>
            <source>%1: remote job %2 was on %3, which is not available now; it is submitted again on %4.</source>
            <extracomment>%1 task, %2 remote job id, %3 and %4 endpoints (host:port) of a pool.</extracomment>
            <translation type="unfinished"></translation>
        </message>
        <message>
            <source>cannot create %1; check that the workspace is writable</source>
            <extracomment>%1 is the attempt's staging folder.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the provider named an output outside the attempt folder (%1); it was moved to _untrusted/</source>
            <extracomment>%1 is the file name the provider named.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the provider reported success without a file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cancelled by the user</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the output was cut short on a full drive (%1)</source>
            <extracomment>%1 is what the output check found wrong with the file.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>: has no duration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: unknown fit "%2" in the profile of %3 (pad, crop or stretch); it is padded</source>
            <extracomment>%1 is the task, %2 the fit mode as written, %3 the provider. pad, crop and stretch are the values the profile may use.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: kept the provider's %2x%3 output as delivered; conforming it to %4x%5 failed (%6). Check that ffmpeg works (RETAKE_FFMPEG names it), then conform the draft file by hand or retry the shot</source>
            <extracomment>%1 is the task; %2x%3 the delivered size, %4x%5 the shot's size (pixels); %6 why conforming failed. RETAKE_FFMPEG is an environment variable.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot move the verified output to %1</source>
            <extracomment>%1 is the output's path in the workspace.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the provider's original could not be kept as %1</source>
            <extracomment>%1 is a path in the workspace.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Budget cap reached: %1 of %2 cost units spent, %3 in flight, the next task would cost %4. Dispatching stopped; nothing in flight is lost. Raise the cap to continue.</source>
            <extracomment>%1 spent, %2 the cap, %3 in flight, %4 the next task's cost (all in cost units).</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Budget cap raised to %1 cost units (%2 spent): dispatching continues.</source>
            <extracomment>%1 is the new cap, %2 what was spent (cost units).</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Budget cap removed (%1 spent): dispatching continues.</source>
            <extracomment>%1 is what was spent (cost units).</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checkpoint %1 (%2).</source>
            <extracomment>%1 is the checkpoint's id, %2 why it was made (in English, e.g. "manual").</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not create a checkpoint (%1): %2</source>
            <extracomment>%1 is why it was to be made (in English), %2 the error.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checkpoint %1 was removed from the list: its file %2 is missing (it was interrupted while being written, or deleted).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>checkpoint %1 cannot be restored: its file %2 is gone (it was interrupted while being written, or deleted), so it was removed from the list; pick another one from retake-cli checkpoint list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>there is no checkpoint "%1" (retake-cli checkpoint list shows them)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>checkpoint %1 names a file outside the workspace's checkpoints/ folder; it was not read. Restore another checkpoint (retake-cli checkpoint list shows them)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>checkpoint %1 cannot be read: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>could not save the current state before restoring: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>draft/ is a link to %1, outside the workspace; nothing was deleted. Replace the link with a folder of the workspace, then discard again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>its file is outside the workspace's checkpoints/ folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>checkpoint %1 cannot be read (%2); nothing was deleted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 MB free in %2, below the %3 MB reserve</source>
            <extracomment>%1 MB free, %2 the folder, %3 the reserve in MB. Shown after "Disk full: ".</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disk space is back: resuming.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disk full: %1. Dispatching is paused and resumes by itself when space returns; finished outputs are kept.</source>
            <extracomment>%1 says which folder is short of space, or which task could not write its output.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run %1 is paused and continues the next time this storyboard is opened.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 task(s) are running; pause and wait for them (or cancel) before restoring a checkpoint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restored checkpoint %1; the state before it is checkpoint %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>tasks are running; wait for the batch to finish first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelling: in-flight attempts are being stopped.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: switched to provider %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not save the batch state (will try again): %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resuming run %1, which stopped before it finished.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run %1 was paused when Retake quit; Run continues it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>provider "%1" is not configured</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>provider "%1" cannot make %2s</source>
            <extracomment>%2 is the stage in English (image, video, voice...); "s" makes it plural.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>; choose another provider for this task</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>re-attached to remote job %1 after a restart</source>
            <extracomment>%1 is the provider's job id.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: re-attached to remote job %2 on %3 (submitted before the restart); it is not submitted again.</source>
            <extracomment>%1 is the task, %2 the provider's job id, %3 the provider.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: remote job %2 is no longer known to %3; submitted again as %4.</source>
            <extracomment>%1 is the task, %2 the old job id, %3 the provider, %4 the new job id.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 named its job with an id Retake does not store (%3); if Retake stops before it ends, the job will be submitted again.</source>
            <extracomment>%1 is the task, %2 the provider, %3 the job id it sent.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 keeps its output until there is room for it (%2)</source>
            <extracomment>%1 is the task, %2 what could not be written.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: done at full quality on another provider (%2).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: done at %2 quality (%3 on %4).</source>
            <extracomment>%1 is the task, %2 the quality reached (in English, e.g. reduced), %3 the fallback rung (in English), %4 the provider.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 could not write its output (%2)</source>
            <extracomment>%1 is the task, %2 the error.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source> — waiting %1 s on %2 (%3 s of %4 s waited on this rung; no retry spent)</source>
            <extracomment>Appended to a rate-limit message. %1 is the wait in seconds, %2 the provider, %3 the seconds waited so far on this rung of the fallback ladder, %4 the most it waits.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: the full-quality retry failed (%2); keeping the degraded output.</source>
            <extracomment>%1 is the task, %2 the error class (in English).</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: failed after %2 attempt(s): %3 — %4</source>
            <extracomment>%1 is the task, %2 the number of attempts, %3 the error class (in English, e.g. timeout), %4 the last attempt's message.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: could not archive the failed attempt's files: %2</source>
            <extracomment>%1 is the task, %2 the error.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: could not write error.json: %2</source>
            <extracomment>%1 is the task, %2 the error. error.json is a file name.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 failures in a row; avoiding it for %3 s.</source>
            <extracomment>%1 is the provider, %2 the number of failures, %3 seconds.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 is cooling down after repeated failures; moving to %3 (%4).</source>
            <extracomment>%1 is the task, %2 the provider it leaves, %3 the one it moves to, %4 the fallback rung (in English).</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the shot was edited since the last run; it will run again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>its output path in the state (%1) leads outside the workspace's draft/ folder; it was not used and the task will run again</source>
            <extracomment>%1 is the path stored in the batch state.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot read %1 (%2)</source>
            <extracomment>%1 is a file name, %2 why it cannot be read.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot write %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ffmpeg did not start</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ffmpeg did not finish within %1 min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ffmpeg failed with exit code %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ffprobe did not finish within %1 s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>has no audio stream</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>has no decodable audio</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>has no duration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>has no video stream</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>has no readable frames</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>truncated: %1 of %2 frames readable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>duration is unknown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>duration %1 s, expected %2 s</source>
            <extracomment>%1 is the measured duration, %2 the shot's.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no output file was reported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>file is missing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>is not a regular file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>file is empty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>file cannot be read (permission denied)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::ActivityLog</name>
        <message>
            <source>Activity log</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::AttemptModel</name>
        <message>
            <source>Stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#</source>
            <comment>attempt number</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rung</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provider / model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Started</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Duration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Outcome</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>HTTP</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Files of the attempt: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 / %2</source>
            <comment>provider / model</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>running</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no output</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>failed</source>
            <comment>attempt outcome</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not counted</source>
            <comment>attempt outcome (disk full, cancelled)</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2</source>
            <comment>cell text: attempt message</comment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::BannerCoordinator</name>
        <message numerus="yes">
            <source>%1 and %n more</source>
            <translation>
                <numerusform>%1 and %n more</numerusform>
                <numerusform>%1 and %n more</numerusform>
            </translation>
        </message>
        <message>
            <source>Switch provider…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run every failed task on another provider</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run the rate-limited tasks on another provider</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the workspace folder to free some space</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the free space again now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit prompt…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rewrite the rejected prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run the rejected tasks on another provider</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run these tasks on another provider</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change the prompt of the shot that keeps failing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run the tasks waiting for %1 on another provider</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop waiting for the cool-down and send %1 requests again now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retrying provider %1 now, without waiting for its cool-down.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provider %1 keeps failing (%2) and is paused for a cool-down.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provider %1 keeps failing (%2) and is paused for a cool-down until %3.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Its tasks move to other providers or wait.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n task(s) failed and need you.</source>
            <translation>
                <numerusform>%n task failed and needs you.</numerusform>
                <numerusform>%n tasks failed and need you.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n more wait for them.</source>
            <translation>
                <numerusform>%n more waits for them.</numerusform>
                <numerusform>%n more wait for them.</numerusform>
            </translation>
        </message>
        <message>
            <source>Retry them, or run them on another provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 failed again with the same error (%2) after %3 retries by hand. Retrying will not help: run it on another provider or edit the prompt.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n task(s) failed again with the same error after 3 retries by hand (%1). Retrying will not help: run them on another provider or edit the prompts.</source>
            <translation>
                <numerusform>%n task failed again with the same error after 3 retries by hand (%1). Retrying will not help: run it on another provider or edit the prompt.</numerusform>
                <numerusform>%n tasks failed again with the same error after 3 retries by hand (%1). Retrying will not help: run them on another provider or edit the prompts.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 is rate-limiting requests (HTTP 429): %n task(s) wait for their retry.</source>
            <translation>
                <numerusform>%1 is rate-limiting requests (HTTP 429): %n task waits for its retry.</numerusform>
                <numerusform>%1 is rate-limiting requests (HTTP 429): %n tasks wait for their retry.</numerusform>
            </translation>
        </message>
        <message>
            <source>Retake lowered the parallel requests to %1 of %2 and raises them again as requests succeed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The prompt of %1 was rejected by the provider's content policy. Edit the prompt, or run the shot on another provider.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>The prompts of %n shot(s) were rejected by the provider's content policy (%1). Edit the prompts, or run the shots on another provider.</source>
            <translation>
                <numerusform>The prompt of %n shot was rejected by the provider's content policy (%1). Edit the prompt, or run the shot on another provider.</numerusform>
                <numerusform>The prompts of %n shots were rejected by the provider's content policy (%1). Edit the prompts, or run the shots on another provider.</numerusform>
            </translation>
        </message>
        <message>
            <source>Edit prompt of %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disk full: Retake stopped writing to %1 and resumes by itself when space returns. Free some space, then press Retry now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Still only %1 MB free in %2; Retake needs %3 MB. Free some space, then press Retry now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>View report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write the run's job report and show it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Raise budget…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set a higher budget cap for this run and continue it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the partial report of the run that stopped unexpectedly</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run %1 stopped before it finished: Retake quit unexpectedly or was stopped. A partial report was written; finished work is kept and the interrupted tasks run again when you press Run.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Budget cap reached: %1 of %2 cost units spent; %n task(s) not started.</source>
            <translation>
                <numerusform>Budget cap reached: %1 of %2 cost units spent; %n task not started.</numerusform>
                <numerusform>Budget cap reached: %1 of %2 cost units spent; %n tasks not started.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n attempt(s) already running will finish and be kept.</source>
            <translation>
                <numerusform>%n attempt already running will finish and be kept.</numerusform>
                <numerusform>%n attempts already running will finish and be kept.</numerusform>
            </translation>
        </message>
        <message>
            <source>Raise the budget to continue this run.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scene and film tasks among them: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 MB free again: the batch resumes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is space again: the batch resumes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 MB free in %2, but Retake could not save the batch state yet. Free more space, then press Retry now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Take over and resume</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Own the workspace in this window and resume the stopped run here; a partial report of the stopped run is written</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (pid %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Running in %1 — you are watching.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Running in %1 since %2 — you are watching.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause, Resume, Cancel and Retry act on its run; Run and the rest are available when it ends.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open in %1 — you are watching.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open in %1 since %2 — you are watching.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry acts through it; Run and the rest are available when it closes the storyboard.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 was cancelled: %2 (exit %3).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 finished: %2 (exit %3).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This window owns the workspace now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (pid %2) stopped without finishing its run: it was killed or crashed. Take over to resume the run in this window; finished work is kept and the stopped run gets a partial report.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::CheckpointsDialog</name>
        <message>
            <source>Checkpoints</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retake makes a checkpoint when a stage finishes for every shot and before every bulk action. Restoring one rolls every task back to that moment; no file is deleted, and the restore can be undone.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tasks then</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Roll every task back to the selected checkpoint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore checkpoint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Roll every task back to the checkpoint of %1 (%2)?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Outputs made since then stay on disk, and the current state is saved first so that you can undo the restore.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::EditPromptDialog</name>
        <message>
            <source>Edit the prompt of %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prompt:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Negative prompt:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saving writes the new prompt into %1 and reloads it: the shot's tasks run again with it; other finished work is kept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is a CSV shot list: change the prompt in your spreadsheet, save it, and open it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save and reload</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the shot list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The prompt cannot be empty.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::EngineController</name>
        <message>
            <source>Other windows and retake-cli watch cannot follow this window: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The owner of the workspace sent something this window cannot read: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 owns this workspace but does not answer on %2 (%3). Wait until it ends, or stop it, then open the storyboard again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 owns this workspace from another computer; this window cannot follow it. Watch it there, or run retake-cli run FILE --take-over here once it has stopped.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is gone: take over the workspace first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 refused %2: %3</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::ErrorLogDialog</name>
        <message>
            <source>Error log — %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Previous</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The previous failure of this shot</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The next failure of this shot</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open in editor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The error log %1 is empty or missing: nothing has failed in this workspace yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No failure of %1 is in the error log.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failure %1 of %2 for this shot (highlighted).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::MainWindow</name>
        <message>
            <source>Retake</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open a storyboard (Ctrl+O) or drop a .retake.json or .csv file here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2)</source>
            <comment>tooltip (shortcut)</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open a storyboard (.retake.json) or a CSV shot list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quit Retake</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Run</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run the batch, or resume it when paused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Pause</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause the batch: running attempts finish, nothing new starts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You paused the batch.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel the batch: stop running attempts; finished work is kept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You cancelled the batch.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry all &amp;failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re-queue every failed task and the tasks blocked by them</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>You retried all failed tasks (%n failed, %1 blocked).</source>
            <translation>
                <numerusform>You retried all failed tasks (%n failed, %1 blocked).</numerusform>
                <numerusform>You retried all failed tasks (%n failed, %1 blocked).</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;Retry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry the selected failed, blocked or cancelled tasks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry at full &amp;quality</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re-run the selected degraded tasks at full quality; the degraded output is kept if it fails</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Switch provider…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re-run the selected tasks on another provider</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open output &amp;folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the folder with the selected shot's outputs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show in &amp;error log</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the selected shot's failures in the workspace's error log</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit &amp;prompt…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change the selected shot's prompt in the storyboard and run it again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pre&amp;ferences…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retries, backoff, disk reserve, debug logging and language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Find shots</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show only the shots whose id or title contains a text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Shot</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Find shots (Ctrl+F)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Find shots by id or title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Activity log</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show or hide the activity log (Ctrl+L)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;View</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not open the workspace of %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Storyboard not opened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disk full: the batch is paused.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Still reading %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading %1…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1 has %n problem(s); it was not opened.</source>
            <translation>
                <numerusform>%1 has %n problem; it was not opened.</numerusform>
                <numerusform>%1 has %n problems; it was not opened.</numerusform>
            </translation>
        </message>
        <message>
            <source>Opening %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opening %1.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1: %n shot(s)</source>
            <translation>
                <numerusform>%1: %n shot</numerusform>
                <numerusform>%1: %n shots</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n scene(s).</source>
            <translation>
                <numerusform>%n scene.</numerusform>
                <numerusform>%n scenes.</numerusform>
            </translation>
        </message>
        <message>
            <source>Press Run (F5) to start.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Workspace: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>[debug] %1 attempt %2 on %3: %4; parameters: %5</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ok</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>All %n task(s) are done.</source>
            <translation>
                <numerusform>%n task is done.</numerusform>
                <numerusform>All %n tasks are done.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n at reduced quality.</source>
            <translation>
                <numerusform>%n at reduced quality.</numerusform>
                <numerusform>%n at reduced quality.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n at full quality on another provider.</source>
            <translation>
                <numerusform>%n at full quality on another provider.</numerusform>
                <numerusform>%n at full quality on another provider.</numerusform>
            </translation>
        </message>
        <message>
            <source>The batch was cancelled: %1 of %2 tasks done.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>The batch stopped with %n task(s) that need you.</source>
            <translation>
                <numerusform>The batch stopped with %n task that needs you.</numerusform>
                <numerusform>The batch stopped with %n tasks that need you.</numerusform>
            </translation>
        </message>
        <message>
            <source>You retried %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You retried %1 at full quality.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You switched every failed task to provider %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You switched %1 to provider %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The provider rejected this prompt (%1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You changed the prompt of %1; reloading the storyboard.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The new language takes effect when Retake starts again.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Preferences applied: %n automatic retries, backoff from %1 s, keep %2 MB free.</source>
            <translation>
                <numerusform>Preferences applied: %n automatic retry, backoff from %1 s, keep %2 MB free.</numerusform>
                <numerusform>Preferences applied: %n automatic retries, backoff from %1 s, keep %2 MB free.</numerusform>
            </translation>
        </message>
        <message>
            <source>You resumed the batch.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You started the batch.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Running %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Resume</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retried 3 times by hand with the same error: switch provider or edit the prompt instead</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry the selected failed, blocked or cancelled tasks (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 — %2% — Retake</source>
            <comment>window title: project — percent — app</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 no longer exists; removed from the recent files.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No recent storyboards</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear the list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open a storyboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Storyboards (*.retake.json *.json *.csv);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A batch is running</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n task(s) are still running or waiting. What should happen to them?</source>
            <translation>
                <numerusform>%n task is still running or waiting. What should happen to it?</numerusform>
                <numerusform>%n tasks are still running or waiting. What should happen to them?</numerusform>
            </translation>
        </message>
        <message>
            <source>Finished work is kept in every case.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause and quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Running attempts are stopped and resume the next time you open this storyboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel the batch and quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep running</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pausing and quitting; the batch resumes next time.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelling the batch and quitting.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore checkpoint…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go back to the state before this action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go back to the state before the restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Chec&amp;kpoint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the batch's state now, to come back to it later</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>C&amp;heckpoints…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>List the checkpoints and restore one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>P&amp;ublish</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy the current outputs of done tasks into published/, in one atomic step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re&amp;port</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write the job report of the latest run and show it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No checkpoint was made: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checkpoint %1 saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You restored checkpoint %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restored %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not restored: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checkpoint %1 saved (%2).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retake saved a checkpoint (%1). If the result is not what you wanted, restore it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checkpoint %1 restored. The state before it was saved as %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checkpoint %1 restored.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Publishing…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Published %n file(s) (%1 MB) to published/.</source>
            <translation>
                <numerusform>Published %n file (%1 MB) to published/.</numerusform>
                <numerusform>Published %n files (%1 MB) to published/.</numerusform>
            </translation>
        </message>
        <message>
            <source>Not published: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Publish</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n task(s) are not done and will be missing from published/.</source>
            <translation>
                <numerusform>%n task is not done and will be missing from published/.</numerusform>
                <numerusform>%n tasks are not done and will be missing from published/.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Publish the %n done output(s) now? The previous published/ is replaced in one step.</source>
            <translation>
                <numerusform>Publish the %n done output now? The previous published/ is replaced in one step.</numerusform>
                <numerusform>Publish the %n done outputs now? The previous published/ is replaced in one step.</numerusform>
            </translation>
        </message>
        <message>
            <source>Writing the report…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No report: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Report written to %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provider p&amp;rofiles…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>List, add and edit provider profiles, test their connection and store their API keys</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Se&amp;ttings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Providers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show or hide the providers' live state</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provider profile left out: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You saved the provider profile %1; it is used from the next storyboard you open.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You removed the provider profile %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Budget cap reached: no new tasks start.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>The batch stopped at its budget cap: %1 of %2 cost units spent, %n task(s) not started.</source>
            <translation>
                <numerusform>The batch stopped at its budget cap: %1 of %2 cost units spent, %n task not started.</numerusform>
                <numerusform>The batch stopped at its budget cap: %1 of %2 cost units spent, %n tasks not started.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>At most %n request(s) in flight per provider.</source>
            <translation>
                <numerusform>At most %n request in flight per provider.</numerusform>
                <numerusform>At most %n requests in flight per provider.</numerusform>
            </translation>
        </message>
        <message>
            <source>Estimating the run…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run cancelled: nothing started.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run no longer asks first; turn it back on in Preferences.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You started the batch with a budget cap of %1 cost units.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Raise the budget</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>This run has spent %1 of its %2 cost units. The %n task(s) not started are expected to cost about %3 more.</source>
            <translation>
                <numerusform>This run has spent %1 of its %2 cost units. The %n task not started is expected to cost about %3 more.</numerusform>
                <numerusform>This run has spent %1 of its %2 cost units. The %n tasks not started are expected to cost about %3 more.</numerusform>
            </translation>
        </message>
        <message>
            <source>New budget cap for this run (cost units):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Raise and continue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You raised the budget cap to %1 cost units; the run continues.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Job report of run %1 written: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No job report: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not write the partial report of the run that stopped: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run %1 stopped before it finished (crash or kill); partial report: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Raise budget…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelling…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Timeline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show or hide the timeline of the run's attempts per provider (Ctrl+T)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 ended its run (exit %2%3); this window takes the workspace over.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 stopped without finishing its run. Take over to resume it here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You took over %1 from %2; the run resumes here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 runs this storyboard; edit its prompts when it ends.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Watching %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 owns this workspace: you are watching its run.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Running in %1, pid %2 — you are watching; %3 is available when it ends</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, pid %2, stopped without finishing — take over the workspace first (%3 is available then)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 — %2% — watching %3 — Retake</source>
            <comment>window title: project — percent — owner watched — app</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You resumed the batch in %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You paused the batch in %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You cancelled the batch in %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 owns this workspace; Run is available when it ends.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preferences saved; %1 runs this batch with its own, yours apply when this window runs it.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::MessageBanner</name>
        <message>
            <source>Dismiss</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dismiss this message; it comes back if the problem changes</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::PreferencesDialog</name>
        <message>
            <source>Preferences</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Automatic retries</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use these settings instead of the storyboard's</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Automatic retries per task and run, after the first attempt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retries per task:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> s</source>
            <comment>seconds suffix</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wait before the first retry; it doubles for each further retry (with ±20 % jitter)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backoff base:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> MB</source>
            <comment>megabytes suffix</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retake pauses before the free space falls below this</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep free:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Debug logging: record every attempt's parameters, prompts included, in the activity log</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tell the desktop when a batch ends or needs you while Retake is not the window in front</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>System default</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Language:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A new language takes effect the next time Retake starts.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Running</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>As in the provider profiles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At most this many requests in flight per provider. Lowers the limit of a provider's profile, never raises it; Retake still lowers it further by itself when a provider rate-limits.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Parallel requests per provider:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the estimate and ask for a budget cap before each run</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::ProviderProfileEditor</name>
        <message>
            <source> s</source>
            <comment>seconds suffix</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no limit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Built-in offline renderer (local)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2)</source>
            <comment>kind label (kind name)</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add provider profile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit provider profile %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Problems</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. studio-comfyui</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The name storyboards use for this provider: letters, digits, '-' and '_'</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What kind of server this is; it decides the wire format</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>https anywhere; plain http only to this computer or to the hosts allowed below. Leave empty for the kind's default.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The name under which the API key is kept in the system keychain (and the environment variable RETAKE_KEY_&lt;NAME&gt;) — never the key itself. Use "Set API key…" in the list to store the key.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attempts run at once on this provider at most; Retake lowers it by itself when the provider rate-limits</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What one attempt costs, in your own units (e.g. US cents); used for estimates and the run budget</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. gpu-box.lan, 192.168.1.20</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hosts on your own network that may be reached over plain http, separated by commas. Everything else needs https.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Timeouts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Until a request is on the wire</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From sending a request until the answer starts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One HTTP exchange, downloads included</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The first status poll of a job; it grows up to the longest poll interval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A whole job on the provider, queueing included</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no server: runs on this computer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>default: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the kind's default</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the profile's id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Image and video</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Image only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Video only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Video</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Voice-overs (audio)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ID</source>
            <comment>provider profile field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <comment>provider profile field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Base URL</source>
            <comment>provider profile field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model</source>
            <comment>provider profile field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>API key name</source>
            <comment>provider profile field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stages</source>
            <comment>provider profile field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Max concurrency</source>
            <comment>provider profile field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cost per unit</source>
            <comment>provider profile field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Plain http allowed to</source>
            <comment>provider profile field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect</source>
            <comment>timeout field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First byte</source>
            <comment>timeout field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Whole request</source>
            <comment>timeout field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First poll after</source>
            <comment>timeout field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Longest poll interval</source>
            <comment>timeout field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Whole job</source>
            <comment>timeout field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Largest download</source>
            <comment>provider profile field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Redirects</source>
            <comment>provider profile field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: enter an id, e.g. "studio-comfyui"; storyboards name the provider by it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: this field is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: use only letters, digits, '-' and '_' (at most 64 characters), starting with a letter or digit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: "local" is the built-in provider; choose another id.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retake itself</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>your settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: another profile with this id is already defined in %2; choose another id.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: not a kind Retake knows; choose one of %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: not an http or https address; enter one such as https://api.example.com or http://127.0.0.1:8188, or leave it empty for the kind's default.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: remove the user name and password from the address; store the API key with "Set API key…" instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: plain http to %2 would send prompts and keys unencrypted. Use https, or add %2 to "%3" if it is a machine on your own network.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: use letters, digits, '.', '-' and '_' (at most 64) — the name of the key, not the key itself.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: "%2" is not a host name; enter names such as gpu-box.lan, separated by commas.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: enter a value from %2 to %3%4.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your settings could not be written (%1); check that the folder is writable and save again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Requests per minute</source>
            <comment>provider profile field</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Longest wait for a rate limit</source>
            <comment>provider profile field</comment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::ProviderProfileModel</name>
        <message>
            <source>Built in</source>
            <comment>where a provider profile is defined</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Storyboard (%1)</source>
            <comment>where a provider profile is defined</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>providers.json beside the storyboard</source>
            <comment>where a provider profile is defined</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your settings</source>
            <comment>where a provider profile is defined</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (default)</source>
            <comment>model</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this computer</source>
            <comment>base URL of a provider without a server</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (default)</source>
            <comment>base URL</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 — not used</source>
            <comment>source — hidden by another definition</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not needed</source>
            <comment>API key</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>looking…</source>
            <comment>API key</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>none</source>
            <comment>API key</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>system keychain</source>
            <comment>API key</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this session only</source>
            <comment>API key</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not tested</source>
            <comment>connection test</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>testing…</source>
            <comment>connection test</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OK</source>
            <comment>connection test</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>FAILED: %1</source>
            <comment>connection test: error class</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not used: %1 defines the same id and comes first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read-only here: edit the file that defines it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This kind runs without an API key.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No key found. Use "Set API key…", or set %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where the key of "%1" is found. The key itself is never shown.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind "%1"</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Base URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Defined in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>API key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::ProviderProfilesDialog</name>
        <message>
            <source>&amp;Add…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Test connection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set API &amp;key…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provider profiles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Profiles come from the storyboard, from providers.json beside it and from your settings; the first definition of an id wins. Your own profiles are used by every storyboard; the others are read-only here. Changes take effect the next time a storyboard is opened.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a profile to your settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove the selected profile from your settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Make one cheap real request that proves the address and the key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select a profile to test its connection or to set its API key.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Some profiles could not be read and are left out:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Defined in %1: edit that file to change it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change the selected profile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Store the selected profile's API key in the system keychain; it is never shown again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This kind runs without an API key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved the profile %1 in your settings. Storyboards opened from now on can use it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove provider profile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove the profile %1 from your settings?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Storyboards that use %1 will report it as unknown. Its API key stays in the system keychain.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Removed the profile %1 from your settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Testing %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Testing %1 at %2…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection to %1: OK.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection to %1: FAILED (%2, HTTP %3).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection to %1: FAILED (%2).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What to do: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set API key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>API key of %1. It is stored in the system keychain under "%2", never in a file, and never shown again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>API key of %1. The system keychain is switched off (RETAKE_KEYCHAIN), so the key is kept only until Retake quits; set %2 to keep it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Store key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No key entered for %1; nothing was stored.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The system keychain did not store the key of %1: %2. Set the environment variable %3 instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stored the API key of %1 in the system keychain.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kept the API key of %1 for this session only.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::ProviderStatusModel</name>
        <message>
            <source>Closed</source>
            <comment>circuit breaker: the provider is used</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open until %1</source>
            <comment>circuit breaker: avoided until a time</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open</source>
            <comment>circuit breaker: the provider is avoided</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Half-open</source>
            <comment>circuit breaker: one probe attempt is let through</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · %2</source>
            <comment>provider kind · model</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %</source>
            <comment>percent</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>none</source>
            <comment>no last error</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2</source>
            <comment>error class: message</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is in use.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 failed several times in a row and is avoided for a cool-down; its tasks move to other providers or wait. Use "Retry now" in its banner to try it at once.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cool-down of %1 is over: one attempt probes it; success closes the breaker, failure opens it again for longer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How many attempts Retake runs at once on %1 now; it halves on "rate limited" and grows again after successes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The profile's maximum concurrency</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed share of the last 20 attempts on %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 at %2. %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Breaker of %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Circuit breaker: closed = in use, open = avoided for a cool-down, half-open = one probe attempt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Current adaptive concurrency limit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Configured maximum concurrency</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed share of the last 20 attempts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provider</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind · model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Breaker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In flight</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Limit now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Configured</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Queued</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Errors</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last error</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::ProviderStatusPanel</name>
        <message>
            <source>Providers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open a storyboard to see its providers here.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::ReportDialog</name>
        <message>
            <source>Job report — %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open in browser</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::RunConfirmationDialog</name>
        <message>
            <source>%1 ms</source>
            <comment>duration</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 s</source>
            <comment>duration in seconds</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 min %2 s</source>
            <comment>duration</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 h %2 min</source>
            <comment>duration</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run the batch</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n task(s) of %1 will run (%2 already done). Expected: about %3 and %4 cost units.</source>
            <translation>
                <numerusform>%n task of %1 will run (%2 already done). Expected: about %3 and %4 cost units.</numerusform>
                <numerusform>%n tasks of %1 will run (%2 already done). Expected: about %3 and %4 cost units.</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing is left to run: %1 of %2 tasks are done.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provider</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tasks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Images</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Videos</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wall time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Durations from</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provider time: the expected attempt durations added up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provider time spread over the provider's parallel requests</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cost units: the provider profile's cost per unit times the units (an image is 1 unit, a video 1 unit per second)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n measured attempt(s)</source>
            <translation>
                <numerusform>%n measured attempt</numerusform>
                <numerusform>%n measured attempts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n measured attempt(s) and defaults</source>
            <translation>
                <numerusform>%n measured attempt and defaults</numerusform>
                <numerusform>%n measured attempts and defaults</numerusform>
            </translation>
        </message>
        <message>
            <source>defaults</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Total</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n failed or blocked task(s) are not included: they run after Retry all failed (about %1 cost units more).</source>
            <translation>
                <numerusform>%n failed or blocked task is not included: it runs after Retry all failed (about %1 cost units more).</numerusform>
                <numerusform>%n failed or blocked tasks are not included: they run after Retry all failed (about %1 cost units more).</numerusform>
            </translation>
        </message>
        <message>
            <source>One attempt per task: retries and degradation cost more. Durations come from measured past attempts on the same provider, or from defaults until there are some.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No cap</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> cost units</source>
            <comment>budget spin box suffix</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retake stops starting tasks before this run's cost would go past the cap; attempts already running finish and are kept. 0 = no cap.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Budget cap for this run</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Budget cap for this run:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Don't ask again (Preferences can turn this back on)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No cap: the run may cost more than the estimate when tasks are retried.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The estimate (%1) is above the cap: Retake stops starting tasks before the cap and tells you; nothing running is thrown away.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Leaves %1 cost units for retries.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::ShotDetailPanel</name>
        <message>
            <source>Select a shot to see its prompt, attempts and output.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Output</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No preview: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attempts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 — %2</source>
            <comment>shot id — title</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scene %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Negative: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Seed %1 · image %2×%3, %4 steps · video %5 s at %6 fps, %7</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last error: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(HTTP %1)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Retried %n time(s) by hand with the same error: switch provider or edit the prompt instead.</source>
            <translation>
                <numerusform>Retried %n time by hand with the same error: switch provider or edit the prompt instead.</numerusform>
                <numerusform>Retried %n times by hand with the same error: switch provider or edit the prompt instead.</numerusform>
            </translation>
        </message>
        <message>
            <source>Next: %1 on %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Play</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No output yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open %1 in the system's viewer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No image output yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No video output yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loading the preview…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The output could not be read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Image only: this shot has no video (stages "image").</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No image task: the video is made from %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Made by %1 at full quality: the first-choice provider failed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Image only: no video.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::ShotGridView</name>
        <message>
            <source>Status grid</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One line of tiles per scene, one tile per shot. Select tiles with the mouse or the arrow keys (Shift and Ctrl extend the selection); the context menu holds the recovery actions.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::ShotListModel</name>
        <message>
            <source>%1 — %2</source>
            <comment>scene id — scene title</comment>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n shot(s)</source>
            <translation>
                <numerusform>%n shot</numerusform>
                <numerusform>%n shots</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 done</source>
            <comment>shots of a scene</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 in progress</source>
            <comment>shots of a scene</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 need attention</source>
            <comment>shots of a scene</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 — %2</source>
            <comment>shot id — shot title</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Final film</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All scenes cut together</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Image only: this shot has no video</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Video from the image file %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::ShotTileDelegate</name>
        <message>
            <source>generating the image…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>image retry: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no image yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>degraded</source>
            <comment>badge on a tile</comment>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n attempt(s)</source>
            <translation>
                <numerusform>%n attempt</numerusform>
                <numerusform>%n attempts</numerusform>
            </translation>
        </message>
        <message>
            <source>full · other provider</source>
            <comment>badge on a tile: done at full quality by an alternative provider</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>from file</source>
            <comment>image chip of a shot whose video is made from a file</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>image only</source>
            <comment>video chip of a shot without a video stage</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>loading the input image…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::SummaryBar</name>
        <message>
            <source>Overall progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show all</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear the state filter and show every shot</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %</source>
            <comment>overall progress</comment>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1 of %n task(s) finished</source>
            <translation>
                <numerusform>%1 of %n task finished</numerusform>
                <numerusform>%1 of %n tasks finished</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 %2</source>
            <comment>count and state in the summary bar</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Paused: disk full</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Paused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(%1 on another provider)</source>
            <comment>done tasks made at full quality by an alternative provider</comment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::SwitchProviderDialog</name>
        <message>
            <source>Switch provider</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re-run tasks on another provider. Their retry budget starts again; finished work of other tasks is not touched.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The selected task: %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>The %n selected task(s)</source>
            <translation>
                <numerusform>The %n selected task</numerusform>
                <numerusform>The %n selected tasks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>All %n failed task(s), and the tasks waiting for them</source>
            <translation>
                <numerusform>The %n failed task, and the tasks waiting for it</numerusform>
                <numerusform>All %n failed tasks, and the tasks waiting for them</numerusform>
            </translation>
        </message>
        <message>
            <source>Provider:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2)</source>
            <comment>provider id (kind)</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2, model %3)</source>
            <comment>provider id (kind, model)</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (built-in offline renderer, always available)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re-run</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::TimelineView</name>
        <message>
            <source>Timeline of the run's attempts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No attempts yet: the timeline fills in as the run goes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>up to %1 at once</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, attempt %2 on %3: %4 (%5)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::ValidationDialog</name>
        <message>
            <source>Storyboard not opened</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>&lt;b&gt;%1&lt;/b&gt; was not opened: %n problem(s) must be fixed first. Nothing was run.</source>
            <translation>
                <numerusform>&lt;b&gt;%1&lt;/b&gt; was not opened: %n problem must be fixed first. Nothing was run.</numerusform>
                <numerusform>&lt;b&gt;%1&lt;/b&gt; was not opened: %n problems must be fixed first. Nothing was run.</numerusform>
            </translation>
        </message>
        <message>
            <source>Where</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy problems</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy the list of problems to the clipboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open in editor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the storyboard file in the system's editor</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>retake::ui::VideoFrameGrabber</name>
        <message>
            <source>no temporary folder for the video frame</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ffmpeg could not be started; install ffmpeg to see video frames</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ffmpeg could not read the video (exit code %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the extracted frame is unreadable</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>NotificationPolicy</name>
        <message>
            <source>%1: budget cap reached</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1 of %2 cost units spent; %n task(s) not started. Raise the budget in Retake to continue this run.</source>
            <translation>
                <numerusform>%1 of %2 cost units spent; %n task not started. Raise the budget in Retake to continue this run.</numerusform>
                <numerusform>%1 of %2 cost units spent; %n tasks not started. Raise the budget in Retake to continue this run.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: batch finished</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>All %n task(s) are done.</source>
            <translation>
                <numerusform>All %n task is done.</numerusform>
                <numerusform>All %n tasks are done.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n at reduced quality.</source>
            <translation>
                <numerusform>%n at reduced quality.</numerusform>
                <numerusform>%n at reduced quality.</numerusform>
            </translation>
        </message>
        <message>
            <source>Click to see the job report.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1: %n task(s) failed</source>
            <translation>
                <numerusform>%1: %n task failed</numerusform>
                <numerusform>%1: %n tasks failed</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <comment>item (stage)</comment>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1 and %n more failed: %2.</source>
            <translation>
                <numerusform>%1 and %n more failed: %2.</numerusform>
                <numerusform>%1 and %n more failed: %2.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 failed: %2.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n task(s) wait for it.</source>
            <translation>
                <numerusform>%n task waits for it.</numerusform>
                <numerusform>%n tasks wait for it.</numerusform>
            </translation>
        </message>
        <message>
            <source>Click to select it; retry it or run it on another provider.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n task(s) wait for tasks that did not finish. Open Retake to see them.</source>
            <translation>
                <numerusform>%n task waits for tasks that did not finish. Open Retake to see them.</numerusform>
                <numerusform>%n tasks wait for tasks that did not finish. Open Retake to see them.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: disk full, batch paused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retake stopped writing to the workspace and resumes by itself when space returns. Free some space on its disk.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DBusNotificationTransport</name>
        <message>
            <source>Show in Retake</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DesktopNotifier</name>
        <message>
            <source>Retake</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
