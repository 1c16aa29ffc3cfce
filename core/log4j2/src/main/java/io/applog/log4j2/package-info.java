/**
 * The Log4j2 appender plugin: {@code <Applog queue=".." process=".." .../>} in
 * {@code log4j2.xml} appends every event of its loggers to this process's applog writer queue,
 * and the drainer writes them into the one logfile of the queue dir. Log4j2 keeps its
 * configuration, its levels, filters and async modes; applog takes the events where a file
 * appender would.
 */
package io.applog.log4j2;
