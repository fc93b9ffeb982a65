@echo off
rem The jpki command for Windows (cmd.exe; the same logic as the bash ./jpki): builds jpki-cli's shaded jar
rem with the Maven wrapper the first time or when sources changed (a few progress lines), then runs it.
rem One build at a time: a lock directory holding the builder's PID; a lock whose process is gone is stale
rem and taken over. PowerShell (part of Windows 10 and later) does the date comparison and the PID check.
rem Test hooks as in ./jpki: JPKI_BUILD_COMMAND replaces the Maven build, JPKI_JAVA the java binary.
setlocal
set "JPKI_ROOT=%~dp0"
set "JPKI_ROOT=%JPKI_ROOT:~0,-1%"
set "JPKI_TARGET=%JPKI_ROOT%\jpki-cli\target"
set "JPKI_JAR=%JPKI_TARGET%\jpki.jar"
set "JPKI_LOCK=%JPKI_TARGET%\.jpki-build.lock"
if not defined JPKI_JAVA set "JPKI_JAVA=java"

call :stale
if not defined JPKI_WHY goto run
if not exist "%JPKI_TARGET%" mkdir "%JPKI_TARGET%"
call :lock
if errorlevel 1 exit /b 2
call :stale
if defined JPKI_WHY call :build
if errorlevel 1 (
  rmdir /s /q "%JPKI_LOCK%" 2>nul
  echo jpki: building the CLI failed ^(see above^) 1>&2
  exit /b 2
)
rmdir /s /q "%JPKI_LOCK%" 2>nul

:run
"%JPKI_JAVA%" %JPKI_JAVA_OPTS% -jar "%JPKI_JAR%" %*
exit /b %ERRORLEVEL%

:stale
set "JPKI_WHY="
for /f "usebackq delims=" %%r in (`powershell -NoProfile -NonInteractive -Command "$j = Get-Item -LiteralPath $env:JPKI_JAR -ErrorAction SilentlyContinue; if (-not $j) { 'first run' } elseif (Get-ChildItem -LiteralPath $env:JPKI_ROOT -Recurse -File -ErrorAction SilentlyContinue | Where-Object { $_.FullName -notmatch '\\(target|\.git)\\' -and ($_.Name -like '*.java' -or $_.Name -eq 'pom.xml' -or $_.FullName -match '\\src\\main\\resources\\') -and $_.LastWriteTime -gt $j.LastWriteTime } | Select-Object -First 1) { 'sources changed' }"`) do set "JPKI_WHY=%%r"
exit /b 0

:lock
powershell -NoProfile -NonInteractive -Command "$l = $env:JPKI_LOCK; $f = Join-Path $l 'pid'; $me = (Get-CimInstance Win32_Process -Filter ('ProcessId=' + $PID)).ParentProcessId; $said = $false; while ($true) { try { New-Item -ItemType Directory -Path $l -ErrorAction Stop | Out-Null; Set-Content -LiteralPath $f -Value $me; exit 0 } catch { $p = Get-Content -LiteralPath $f -ErrorAction SilentlyContinue; if ($p -and -not (Get-Process -Id $p -ErrorAction SilentlyContinue)) { Remove-Item -LiteralPath $l -Recurse -Force -ErrorAction SilentlyContinue; [Console]::Error.WriteLine('jpki: removed a stale build lock (process ' + $p + ' is gone)'); continue }; if (-not $said) { [Console]::Error.WriteLine('jpki: waiting for another jpki that is building the CLI...'); $said = $true }; Start-Sleep -Milliseconds 200 } }"
exit /b %ERRORLEVEL%

:build
echo jpki: building the CLI (%JPKI_WHY%; about a minute, several with an empty Maven repository)... 1>&2
if not defined JPKI_BUILD_COMMAND goto maven
pushd "%JPKI_ROOT%"
call %JPKI_BUILD_COMMAND%
set "JPKI_STATUS=%ERRORLEVEL%"
popd
goto built
:maven
set "JPKI_LOG=%TEMP%\jpki-build-%RANDOM%%RANDOM%.log"
rem Only what the CLI needs: no test compilation, javadoc, coverage or Android API check. One progress
rem line per module; the whole log only when the build fails.
pushd "%JPKI_ROOT%"
powershell -NoProfile -NonInteractive -Command "& (Join-Path $env:JPKI_ROOT 'mvnw.cmd') -B -pl jpki-cli -am package '-Dmaven.test.skip=true' '-Dmaven.javadoc.skip=true' '-Djacoco.skip=true' '-Danimal.sniffer.skip=true' 2>&1 | ForEach-Object { $s = [string]$_; Add-Content -LiteralPath $env:JPKI_LOG -Value $s; if ($s -match '^\[INFO\] Building (jpki\S*) \S+ (\[\d+/\d+\])$') { [Console]::Error.WriteLine('jpki:   ' + $Matches[2] + ' ' + $Matches[1]) } }; exit $LASTEXITCODE"
set "JPKI_STATUS=%ERRORLEVEL%"
popd
if not "%JPKI_STATUS%"=="0" type "%JPKI_LOG%" 1>&2
del /q "%JPKI_LOG%" 2>nul
:built
if not "%JPKI_STATUS%"=="0" exit /b 1
if not exist "%JPKI_JAR%" exit /b 1
rem Newer than every source even when Maven kept an up-to-date jar.
powershell -NoProfile -NonInteractive -Command "(Get-Item -LiteralPath $env:JPKI_JAR).LastWriteTime = Get-Date"
exit /b 0
