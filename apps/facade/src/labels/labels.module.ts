import { Module } from '@nestjs/common';
import { UpstreamModule } from '../upstream/upstream.module';
import { LabelsController } from './labels.controller';
import { LabelsService } from './labels.service';

@Module({ imports: [UpstreamModule], controllers: [LabelsController], providers: [LabelsService] })
export class LabelsModule {}
