package com.acme.im.repo.admin;

import com.acme.im.proto.repo.v1.GetSensitiveWordsRequest;
import com.acme.im.proto.repo.v1.GetSensitiveWordsResponse;
import com.acme.im.proto.repo.v1.SensitiveWordListServiceGrpc;
import com.acme.im.repo.admin.AdminRecords.WordList;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * 运行时敏感词表的 gRPC 端点（audit-function 按版本拉取）：只做 protobuf 转换。
 */
@Singleton
public class SensitiveWordListEndpoint extends SensitiveWordListServiceGrpc.SensitiveWordListServiceImplBase {

    private final AdminService admins;

    public SensitiveWordListEndpoint(AdminService admins) {
        this.admins = admins;
    }

    @Override
    public void getSensitiveWords(GetSensitiveWordsRequest request, StreamObserver<GetSensitiveWordsResponse> observer) {
        WordList list = admins.words(request.getKnownVersion());
        GetSensitiveWordsResponse.Builder out = GetSensitiveWordsResponse.newBuilder().setVersion(list.version());
        if (list.words() == null) {
            out.setUnchanged(true);
        } else {
            out.addAllWords(list.words());
        }
        observer.onNext(out.build());
        observer.onCompleted();
    }
}
