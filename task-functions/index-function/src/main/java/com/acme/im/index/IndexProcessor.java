package com.acme.im.index;

import com.acme.im.proto.event.v1.IndexTask;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.task.BatchTaskProcessor;
import com.acme.im.task.TaskRejectedException;
import com.acme.im.runtime.kafka.TaskTypes;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 索引任务：整批合成一次 bulk 写入。同一消息在一批内出现多次时以最后一次为准，
 * 文档 ID 为消息 ID，重投只会覆盖同一文档（幂等）。
 */
@Singleton
public class IndexProcessor implements BatchTaskProcessor {

    private final MessageIndexRepository index;

    public IndexProcessor(MessageIndexRepository index) {
        this.index = index;
    }

    @Override
    public Set<String> taskTypes() {
        return Set.of(TaskTypes.INDEX);
    }

    @Override
    public void processBatch(List<TaskMessage> tasks) throws Exception {
        Map<Long, IndexTask> latest = new LinkedHashMap<>();
        for (TaskMessage task : tasks) {
            if (!task.hasIndex() || !task.getIndex().hasMessage() || task.getIndex().getMessage().getId() == 0) {
                throw new TaskRejectedException("index task " + task.getTaskId() + " carries no message");
            }
            IndexTask t = task.getIndex();
            latest.remove(t.getMessage().getId());
            latest.put(t.getMessage().getId(), t);
        }
        List<com.acme.im.proto.common.v1.Message> upserts = new ArrayList<>();
        List<Long> deletes = new ArrayList<>();
        for (IndexTask t : latest.values()) {
            if (t.getAction() == IndexTask.Action.ACTION_DELETE) {
                deletes.add(t.getMessage().getId());
            } else {
                // 未指定动作按新建/覆盖处理
                upserts.add(t.getMessage());
            }
        }
        index.bulk(upserts, deletes);
    }
}
